import type { Schedule } from "@/lib/campaigns/schemas";

const weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function formatLocalDate(date: string): string {
  // A calendar date with no zone: format it at noon UTC so no zone shifts the day.
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: "medium",
    timeZone: "UTC",
  }).format(new Date(`${date}T12:00:00Z`));
}

const hour = (value: number) => `${String(value).padStart(2, "0")}:00`;

/** One sentence a marketer can check at a glance: when this campaign reaches people. */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.type) {
    case "now":
      return "As soon as it is launched";
    case "at": {
      const when = new Intl.DateTimeFormat(undefined, {
        dateStyle: "full",
        timeStyle: "short",
      }).format(new Date(schedule.sendAt));
      return `${when} (your time)`;
    }
    case "local_time":
      return `${formatLocalDate(schedule.date)} at ${schedule.time} in each subscriber's own time zone, as each zone reaches it`;
    case "best_hour": {
      const holdout = schedule.holdoutPercent
        ? `; a ${schedule.holdoutPercent}% holdout gets it at ${hour(schedule.defaultHour)} to measure the lift`
        : "";
      return `${formatLocalDate(schedule.date)} at each subscriber's best hour (from their opens; ${hour(schedule.defaultHour)} when there is no history)${holdout}`;
    }
    case "recurring": {
      const days =
        schedule.frequency === "daily"
          ? "Every day"
          : `Every ${(schedule.weekdays ?? []).map((day) => weekdayNames[day]).join(", ")}`;
      const until = schedule.endsOn ? ` until ${formatLocalDate(schedule.endsOn)}` : "";
      return `${days} at ${schedule.time} (${schedule.timezone.replaceAll("_", " ")})${until}`;
    }
  }
}

export const scheduleTypeLabels: Record<Schedule["type"], string> = {
  now: "Send now",
  at: "At a date and time",
  local_time: "Subscriber's local time",
  best_hour: "Best hour per subscriber",
  recurring: "Recurring",
};
