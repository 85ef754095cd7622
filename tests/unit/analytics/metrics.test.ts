import { describe, expect, it } from "vitest";
import { compareToBenchmark, openRateBenchmarks } from "@/lib/analytics/benchmarks";
import { resolveRange } from "@/lib/analytics/date-range";
import { deliveryRates, optInRate, optOutRate, percentage } from "@/lib/analytics/metrics";
import { medianFromHistogram } from "@/lib/analytics/time-to-open";

describe("metric definitions", () => {
  it("are DESIGN.md's ratios, as percentages to two decimals", () => {
    expect(
      deliveryRates({ sent: 1_000, delivered: 970, opened: 52, converted: 4, revenue: 199.6 }),
    ).toEqual({
      deliveryRate: 97, // 970 / 1000
      openRate: 5.36, // 52 / 970
      conversionRate: 7.69, // 4 / 52
      revenuePerPush: 0.1996, // 199.60 / 1000
    });
    expect(optInRate(3, 40)).toBe(7.5);
    expect(optOutRate(12, 1_150, 50)).toBe(1); // 12 / (1150 + 50)
  });

  it("are null, not zero or NaN, when there is nothing to divide by", () => {
    expect(percentage(0, 0)).toBeNull();
    expect(percentage(5, 0)).toBeNull();
    expect(deliveryRates({ sent: 0, delivered: 0, opened: 0, converted: 0, revenue: 0 })).toEqual({
      deliveryRate: null,
      openRate: null,
      conversionRate: null,
      revenuePerPush: null,
    });
    expect(deliveryRates({ sent: 10, delivered: 0, opened: 0, converted: 0, revenue: 0 })).toEqual({
      deliveryRate: 0,
      openRate: null,
      conversionRate: null,
      revenuePerPush: 0,
    });
    expect(optInRate(0, 0)).toBeNull();
    expect(optOutRate(0, 0, 0)).toBeNull();
  });

  it("judge values against the industry ranges", () => {
    expect(compareToBenchmark(5.5, openRateBenchmarks.marketing)).toBe("within");
    expect(compareToBenchmark(2, openRateBenchmarks.marketing)).toBe("below");
    expect(compareToBenchmark(12, openRateBenchmarks.marketing)).toBe("above");
    expect(compareToBenchmark(null, openRateBenchmarks.marketing)).toBeNull();
  });
});

describe("time-to-open median", () => {
  it("interpolates inside the bucket holding the middle open", () => {
    // 10 opens: 2 within a minute, 6 in 1–5 min, 2 in 5–15 min. The 5th open
    // is the 3rd of 6 in 1–5 min: 60 + 3/6 × 240 = 180 s.
    expect(medianFromHistogram([2, 6, 2, 0, 0, 0, 0, 0, 0])).toEqual({
      seconds: 180,
      isLowerBound: false,
    });
    // 4 opens, all in 5–15 min: halfway through it, 600 s.
    expect(medianFromHistogram([0, 0, 4])).toEqual({ seconds: 600, isLowerBound: false });
  });

  it("says only 'more than a day' when the middle open is in the open-ended bucket", () => {
    expect(medianFromHistogram([1, 0, 0, 0, 0, 0, 0, 0, 3])).toEqual({
      seconds: 86_400,
      isLowerBound: true,
    });
  });

  it("is null with no opens", () => {
    expect(medianFromHistogram([0, 0, 0, 0, 0, 0, 0, 0, 0])).toBeNull();
  });
});

describe("periods", () => {
  const now = new Date("2026-11-23T10:30:00Z");

  it("default to the last 30 local days, today included", () => {
    const range = resolveRange({}, "Europe/Paris", now);
    expect(range).toMatchObject({ from: "2026-10-25", to: "2026-11-23", granularity: "day" });
    expect(range.buckets).toHaveLength(30);
    // Midnight in Paris is 23:00 UTC the day before in winter (26 Oct is after the DST change).
    expect(range.start.toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(range.end.toISOString()).toBe("2026-11-23T23:00:00.000Z");
  });

  it("use hours for one or two days", () => {
    const range = resolveRange({ from: "2026-11-22", to: "2026-11-23" }, "UTC", now);
    expect(range.granularity).toBe("hour");
    expect(range.buckets).toHaveLength(48);
    expect(range.buckets[0]?.key).toBe("2026-11-22T00:00:00.000Z");
  });

  it("refuse an inverted or too long range, naming the field", () => {
    expect(() => resolveRange({ from: "2026-11-23", to: "2026-11-01" }, "UTC", now)).toThrow(
      /query\.from/,
    );
    expect(() => resolveRange({ from: "2024-01-01", to: "2026-11-01" }, "UTC", now)).toThrow(
      /366 days/,
    );
    expect(() =>
      resolveRange({ from: "2026-01-01", to: "2026-11-01", granularity: "hour" }, "UTC", now),
    ).toThrow(/query\.granularity/);
  });
});
