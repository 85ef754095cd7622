import { describe, expect, it } from "vitest";
import { meanConfidence, normalCdf, proportionConfidence } from "@/lib/experiments/statistics";

describe("normalCdf", () => {
  it.each([
    [0, 0.5],
    [1.96, 0.975],
    [-1.96, 0.025],
    [1, 0.8413],
    [3, 0.99865],
  ])("Φ(%s) ≈ %s", (z, expected) => {
    expect(normalCdf(z)).toBeCloseTo(expected, 3);
  });
});

describe("proportionConfidence", () => {
  it("is about 97.5% for a textbook two-proportion difference at z = 1.96", () => {
    // 600/1000 vs 557/1000: pooled z ≈ 1.96.
    const confidence = proportionConfidence(
      { successes: 600, trials: 1000 },
      { successes: 557, trials: 1000 },
    );
    expect(confidence).toBeGreaterThan(0.97);
    expect(confidence).toBeLessThan(0.98);
  });

  it("is symmetric and 0.5 for equal rates", () => {
    const a = { successes: 30, trials: 200 };
    const b = { successes: 20, trials: 200 };
    const forward = proportionConfidence(a, b) ?? 0;
    const backward = proportionConfidence(b, a) ?? 0;
    expect(forward + backward).toBeCloseTo(1, 6);
    expect(proportionConfidence(a, { ...a })).toBeCloseTo(0.5, 6);
  });

  it("has no answer without trials", () => {
    expect(
      proportionConfidence({ successes: 0, trials: 0 }, { successes: 1, trials: 10 }),
    ).toBeNull();
  });
});

describe("meanConfidence", () => {
  it("reads a clear revenue difference as near-certain and noise as a coin flip", () => {
    const sample = (values: number[]) => ({
      count: values.length,
      sum: values.reduce((sum, value) => sum + value, 0),
      sumOfSquares: values.reduce((sum, value) => sum + value * value, 0),
    });
    const rich = sample(Array.from({ length: 500 }, (_, index) => (index % 10 === 0 ? 50 : 0)));
    const poor = sample(Array.from({ length: 500 }, (_, index) => (index % 25 === 0 ? 50 : 0)));
    expect(meanConfidence(rich, poor)).toBeGreaterThan(0.99);
    expect(meanConfidence(rich, rich)).toBeCloseTo(0.5, 6);
    expect(meanConfidence(sample([1]), rich)).toBeNull();
  });
});
