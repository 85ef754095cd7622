import type { TimeUnit, TimeWindow } from "../definition";
import { isDateOnly, parseIsoInstant } from "../iso-date";

export interface TimeBound {
  at: Date;
  inclusive: boolean;
}

/** Instants a timestamp must fall between; an absent side is open. */
export interface TimeRange {
  from?: TimeBound;
  to?: TimeBound;
}

export type DateComparison =
  | { op: "before" | "after" | "on"; value: string }
  | { op: "between"; from: string; to: string }
  | { op: "in_last" | "more_than_ago"; amount: number; unit: TimeUnit };

const DAY_MS = 24 * 3600 * 1000;
const unitMs: Record<TimeUnit, number> = { hours: 3600 * 1000, days: DAY_MS, weeks: 7 * DAY_MS };

function ago(now: Date, amount: number, unit: TimeUnit): Date {
  return new Date(now.getTime() - amount * unitMs[unit]);
}

function startOfUtcDay(instant: Date): Date {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
}

function nextDay(day: Date): Date {
  return new Date(day.getTime() + DAY_MS);
}

/**
 * A day value covers the whole UTC day: "after 1 May" starts on 2 May and
 * "between 1 and 10 May" includes 10 May. A date-time is an exact instant.
 */
export function dateComparisonRange(comparison: DateComparison, now: Date): TimeRange {
  switch (comparison.op) {
    case "before":
      return { to: { at: parseIsoInstant(comparison.value), inclusive: false } };
    case "after": {
      const instant = parseIsoInstant(comparison.value);
      return isDateOnly(comparison.value)
        ? { from: { at: nextDay(instant), inclusive: true } }
        : { from: { at: instant, inclusive: false } };
    }
    case "on": {
      const day = startOfUtcDay(parseIsoInstant(comparison.value));
      return { from: { at: day, inclusive: true }, to: { at: nextDay(day), inclusive: false } };
    }
    case "between": {
      const end = parseIsoInstant(comparison.to);
      return {
        from: { at: parseIsoInstant(comparison.from), inclusive: true },
        to: isDateOnly(comparison.to)
          ? { at: nextDay(end), inclusive: false }
          : { at: end, inclusive: true },
      };
    }
    case "in_last":
      // Up to now: a future date ("renews on…") is not "in the last 7 days".
      return {
        from: { at: ago(now, comparison.amount, comparison.unit), inclusive: true },
        to: { at: now, inclusive: true },
      };
    case "more_than_ago":
      return { to: { at: ago(now, comparison.amount, comparison.unit), inclusive: false } };
  }
}

/** An event or push window; none means "ever". */
export function timeWindowRange(window: TimeWindow | undefined, now: Date): TimeRange {
  if (!window) return {};
  return window.type === "last"
    ? dateComparisonRange({ op: "in_last", amount: window.amount, unit: window.unit }, now)
    : dateComparisonRange({ op: "between", from: window.from, to: window.to }, now);
}
