// The industry ranges of DESIGN.md, shown next to the figures they judge.
// Pure data: the API returns them alongside each rate so every client shows
// the same ranges.
import type { CampaignCategory, Platform } from "@/lib/db/generated/enums";

export interface Benchmark {
  /** Lower end of the healthy range, in the metric's unit; null when only an upper bound matters. */
  low: number | null;
  /** Upper end; null when only a lower bound matters. */
  high: number | null;
  /** Where the range comes from, in words. */
  note: string;
}

export const deliveryRateBenchmark: Benchmark = {
  low: 95,
  high: 99,
  note: "Healthy delivery rate: 95–99 %",
};

export const openRateBenchmarks: Record<CampaignCategory, Benchmark> = {
  transactional: { low: 75, high: 90, note: "Transactional pushes: 75–90 % opened" },
  triggered: { low: 8, high: 20, note: "Triggered pushes: 8–20 % opened" },
  marketing: { low: 3, high: 8, note: "Marketing pushes: 3–8 % opened" },
};

export const optInRateBenchmarks: Record<Platform, Benchmark> = {
  ios: { low: 50, high: 55, note: "iOS opt-in: 50–55 %" },
  android: { low: 81, high: 85, note: "Android opt-in: 81–85 %" },
  web: { low: 7, high: 15, note: "Web push opt-in: 7–15 %" },
};

/** Per month: healthy below 1 %, a problem above 3 %. */
export const optOutRateBenchmark: Benchmark & { problemAbove: number } = {
  low: null,
  high: 1,
  problemAbove: 3,
  note: "Opt-outs: healthy below 1 % a month, above 3 % is a problem",
};

export const timeToOpenMedianBenchmark: Benchmark = {
  low: 7,
  high: 15,
  note: "Median time-to-open is usually 7–15 min",
};

export type BenchmarkVerdict = "below" | "within" | "above";

/** Where a value falls against a range; null when there is no value to judge. */
export function compareToBenchmark(
  value: number | null,
  benchmark: Benchmark,
): BenchmarkVerdict | null {
  if (value === null) return null;
  if (benchmark.low !== null && value < benchmark.low) return "below";
  if (benchmark.high !== null && value > benchmark.high) return "above";
  return "within";
}
