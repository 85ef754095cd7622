// The significance tests behind A/B results. Pure functions: unit-tested
// against known values.

/** Standard normal CDF, via Abramowitz & Stegun 7.1.26 (error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface Proportion {
  successes: number;
  trials: number;
}

/**
 * Confidence that `candidate`'s true rate is above `baseline`'s: Φ(z) of the
 * pooled two-proportion z-test. Null when either side has no trials.
 */
export function proportionConfidence(candidate: Proportion, baseline: Proportion): number | null {
  if (candidate.trials === 0 || baseline.trials === 0) return null;
  const p1 = candidate.successes / candidate.trials;
  const p2 = baseline.successes / baseline.trials;
  const pooled = (candidate.successes + baseline.successes) / (candidate.trials + baseline.trials);
  const standardError = Math.sqrt(
    pooled * (1 - pooled) * (1 / candidate.trials + 1 / baseline.trials),
  );
  if (standardError === 0) return p1 === p2 ? 0.5 : p1 > p2 ? 1 : 0;
  return normalCdf((p1 - p2) / standardError);
}

export interface Sample {
  count: number;
  sum: number;
  sumOfSquares: number;
}

/**
 * Confidence that `candidate`'s mean (e.g. revenue per push) is above
 * `baseline`'s: Welch's statistic read against the normal distribution,
 * which is what the t distribution becomes at push-campaign sample sizes.
 */
export function meanConfidence(candidate: Sample, baseline: Sample): number | null {
  if (candidate.count < 2 || baseline.count < 2) return null;
  const mean = (sample: Sample) => sample.sum / sample.count;
  const variance = (sample: Sample) =>
    Math.max(
      0,
      (sample.sumOfSquares - (sample.sum * sample.sum) / sample.count) / (sample.count - 1),
    );
  const standardError = Math.sqrt(
    variance(candidate) / candidate.count + variance(baseline) / baseline.count,
  );
  const difference = mean(candidate) - mean(baseline);
  if (standardError === 0) return difference === 0 ? 0.5 : difference > 0 ? 1 : 0;
  return normalCdf(difference / standardError);
}
