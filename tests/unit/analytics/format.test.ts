import { describe, expect, it } from "vitest";
import { formatPercent } from "@/components/campaigns/format";
import { formatRange, formatRate } from "@/lib/analytics/format";

describe("rates as the dashboards write them", () => {
  it("writes every rate with two decimals and the percent sign next to the figure", () => {
    expect(formatRate(83.333)).toBe("83.33%");
    expect(formatRate(0)).toBe("0.00%");
    expect(formatRate(100)).toBe("100.00%");
    expect(formatRate(null)).toBe("—");
  });

  it("writes a campaign's rate on the campaign pages as the analytics pages do", () => {
    for (const rate of [0, 4.5, 9.99, 10, 83.333, 100]) {
      expect(formatPercent(rate)).toBe(formatRate(rate));
    }
    expect(formatPercent(0.8333, { isRatio: true })).toBe("83.33%");
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(Number.NaN)).toBe("—");
  });

  it("writes a benchmark range in the same unit", () => {
    expect(formatRange(40, 60)).toBe("40–60%");
    expect(formatRange(null, 5)).toBe("below 5%");
    expect(formatRange(null, null)).toBe("—");
  });
});
