// Time-to-open from the rollups' opens-by-delay histogram. The delay is
// measured from when the push service accepted the push (sentAt), not from
// the delivery receipt: iOS and Android often send none, and an open stamps
// deliveredAt itself, which would make every such open look instant. Push
// services hand a push over within seconds, so the difference is small.

export interface DelayBucket {
  /** The rollup column. */
  column:
    | "opensWithin1m"
    | "opensWithin5m"
    | "opensWithin15m"
    | "opensWithin30m"
    | "opensWithin1h"
    | "opensWithin2h"
    | "opensWithin6h"
    | "opensWithin24h"
    | "opensLater";
  label: string;
  fromSeconds: number;
  /** Null for the open-ended last bucket. */
  toSeconds: number | null;
}

/** The buckets the rollup triggers fill (delivery_rollups migration), in order. */
export const delayBuckets: readonly DelayBucket[] = [
  { column: "opensWithin1m", label: "≤ 1 min", fromSeconds: 0, toSeconds: 60 },
  { column: "opensWithin5m", label: "1–5 min", fromSeconds: 60, toSeconds: 300 },
  { column: "opensWithin15m", label: "5–15 min", fromSeconds: 300, toSeconds: 900 },
  { column: "opensWithin30m", label: "15–30 min", fromSeconds: 900, toSeconds: 1800 },
  { column: "opensWithin1h", label: "30–60 min", fromSeconds: 1800, toSeconds: 3600 },
  { column: "opensWithin2h", label: "1–2 h", fromSeconds: 3600, toSeconds: 7200 },
  { column: "opensWithin6h", label: "2–6 h", fromSeconds: 7200, toSeconds: 21_600 },
  { column: "opensWithin24h", label: "6–24 h", fromSeconds: 21_600, toSeconds: 86_400 },
  { column: "opensLater", label: "> 24 h", fromSeconds: 86_400, toSeconds: null },
];

export interface MedianEstimate {
  /** Estimated median delay in seconds, rounded to the second. */
  seconds: number;
  /** True when the median falls in the open-ended bucket: it is at least this, no estimate beyond. */
  isLowerBound: boolean;
}

/**
 * The grouped-data median: find the bucket holding the middle open and
 * interpolate linearly inside it (opens assumed evenly spread within a
 * bucket). Null when there are no opens.
 */
export function medianFromHistogram(counts: readonly number[]): MedianEstimate | null {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total <= 0) return null;
  const middle = total / 2;
  let before = 0;
  for (const [index, bucket] of delayBuckets.entries()) {
    const count = counts[index] ?? 0;
    if (count > 0 && before + count >= middle) {
      if (bucket.toSeconds === null) return { seconds: bucket.fromSeconds, isLowerBound: true };
      const share = (middle - before) / count;
      const seconds = bucket.fromSeconds + share * (bucket.toSeconds - bucket.fromSeconds);
      return { seconds: Math.round(seconds), isLowerBound: false };
    }
    before += count;
  }
  return null;
}
