import { describe, expect, it } from "vitest";
import { formatRelative } from "@/components/settings/format";

const now = Date.parse("2026-03-10T12:00:00Z");
const inSeconds = (seconds: number) => new Date(now + seconds * 1000).toISOString();

describe("formatRelative", () => {
  it("rounds to the nearest whole unit, and promotes 60 minutes to an hour", () => {
    // The relative formatter follows the runtime's locale: compare with its own words.
    const words = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
    expect(formatRelative(inSeconds(30), now)).toBe("just now");
    expect(formatRelative(inSeconds(5 * 60), now)).toBe(words.format(5, "minute"));
    // An A/B test window of one hour, read a second after it started.
    expect(formatRelative(inSeconds(3599), now)).toBe(words.format(1, "hour"));
    expect(formatRelative(inSeconds(-3590), now)).toBe(words.format(-1, "hour"));
    expect(formatRelative(inSeconds(90 * 60), now)).toBe(words.format(2, "hour"));
    expect(formatRelative(inSeconds(24 * 3600 - 60), now)).toBe(words.format(1, "day"));
    expect(formatRelative(inSeconds(3 * 24 * 3600), now)).toBe(words.format(3, "day"));
  });
});
