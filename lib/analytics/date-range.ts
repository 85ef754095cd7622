// The period a dashboard or stats call covers: whole local days in the app's
// time zone (or the caller's), cut into hour or day buckets. Rollups are
// hourly in UTC, so a day is the 24 (23, 25 at DST) hourly rows whose start
// falls on that local date; in zones with a half-hour offset a day boundary
// lands mid-row and that row counts toward the day it starts in.
import { fieldError } from "@/lib/errors";
import { wallClock, zonedTimeToUtc } from "@/lib/time";

export type Granularity = "hour" | "day";

export interface RangeInput {
  from?: string;
  to?: string;
  /** The last N days ending today; a shortcut that excludes from/to. */
  days?: number;
  granularity?: Granularity;
}

export interface Bucket {
  /** `YYYY-MM-DD` (local) for days, the UTC hour as ISO 8601 for hours: what the SQL groups by. */
  key: string;
  start: Date;
}

export interface ResolvedRange {
  /** First local day, inclusive. */
  from: string;
  /** Last local day, inclusive. */
  to: string;
  timezone: string;
  granularity: Granularity;
  /** UTC instants: [start, end). */
  start: Date;
  end: Date;
  buckets: Bucket[];
}

export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 366;
/** Hourly buckets beyond a month make charts of 700+ points that say nothing more. */
export const MAX_HOURLY_DAYS = 31;
const HOUR_MS = 3_600_000;

const pad = (value: number) => String(value).padStart(2, "0");

export function localDate(instant: Date, timezone: string): string {
  const clock = wallClock(instant, timezone);
  return `${clock.year}-${pad(clock.month)}-${pad(clock.day)}`;
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days))
    .toISOString()
    .slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const invalid = (field: string, message: string) => fieldError(`query.${field}`, message);

/** Resolves a request's from/to/granularity; the default is the last 30 days, today included. */
export function resolveRange(
  input: RangeInput,
  timezone: string,
  now: Date = new Date(),
): ResolvedRange {
  if (input.days !== undefined && (input.from !== undefined || input.to !== undefined)) {
    throw invalid("days", "give either `days` or `from`/`to`");
  }
  const to = input.to ?? localDate(now, timezone);
  const from = input.from ?? addDays(to, -((input.days ?? DEFAULT_RANGE_DAYS) - 1));
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw invalid("from", "must not be after `to`");
  if (days > MAX_RANGE_DAYS)
    throw invalid("from", `the range may span at most ${MAX_RANGE_DAYS} days`);
  const granularity = input.granularity ?? (days <= 2 ? "hour" : "day");
  if (granularity === "hour" && days > MAX_HOURLY_DAYS) {
    throw invalid("granularity", `hourly buckets cover at most ${MAX_HOURLY_DAYS} days`);
  }
  const start = zonedTimeToUtc(from, "00:00", timezone);
  const end = zonedTimeToUtc(addDays(to, 1), "00:00", timezone);
  const buckets: Bucket[] = [];
  if (granularity === "day") {
    for (let day = 0; day < days; day += 1) {
      const date = addDays(from, day);
      buckets.push({ key: date, start: zonedTimeToUtc(date, "00:00", timezone) });
    }
  } else {
    for (
      let at = Math.floor(start.getTime() / HOUR_MS) * HOUR_MS;
      at < end.getTime();
      at += HOUR_MS
    ) {
      const hour = new Date(at);
      buckets.push({ key: hour.toISOString(), start: hour });
    }
  }
  return { from, to, timezone, granularity, start, end, buckets };
}
