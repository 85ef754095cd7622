import { addDays, localDateOf, wallClock, zonedTimeToUtc } from "@/lib/time";
import type { Schedule } from "./schemas";

type Recurring = Extract<Schedule, { type: "recurring" }>;

/**
 * The next run of a recurring schedule strictly after `after`, or null once
 * past `endsOn`. Computed on the wall clock of the schedule's zone, so
 * "09:00 daily" stays 09:00 across daylight-saving changes.
 */
export function nextOccurrence(schedule: Recurring, after: Date): Date | null {
  const today = localDateOf(after, schedule.timezone);
  for (let offset = 0; offset <= 8; offset += 1) {
    const date = addDays(today, offset);
    if (schedule.endsOn && date > schedule.endsOn) return null;
    const candidate = zonedTimeToUtc(date, schedule.time, schedule.timezone);
    if (candidate <= after) continue;
    const weekday = wallClock(candidate, schedule.timezone).weekday;
    if (schedule.frequency === "daily" || schedule.weekdays?.includes(weekday)) return candidate;
  }
  return null;
}
