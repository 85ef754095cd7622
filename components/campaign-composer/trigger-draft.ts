import type { Trigger } from "@/lib/campaigns/schemas";

// The composer's trigger: amounts as typed (strings) with a unit, turned into
// the API's minutes and hours only when the body is built.

export type DelayUnit = "minutes" | "hours" | "days";
export type PeriodUnit = "hours" | "days";

export interface TriggerDraft {
  type: Trigger["type"];
  event: string;
  delayAmount: string;
  delayUnit: DelayUnit;
  exitEvents: string[];
  /** "At most once every …" of an event trigger. */
  onceAmount: string;
  onceUnit: PeriodUnit;
  inactiveDays: string;
  /** The same limit for an inactivity trigger, whose sensible default is much longer. */
  inactivityOnceAmount: string;
  inactivityOnceUnit: PeriodUnit;
}

export const delayUnitMinutes: Record<DelayUnit, number> = { minutes: 1, hours: 60, days: 1440 };
export const periodUnitHours: Record<PeriodUnit, number> = { hours: 1, days: 24 };

export function newTriggerDraft(): TriggerDraft {
  return {
    type: "event",
    event: "",
    delayAmount: "1",
    delayUnit: "hours",
    exitEvents: [],
    onceAmount: "1",
    onceUnit: "days",
    inactiveDays: "7",
    inactivityOnceAmount: "30",
    inactivityOnceUnit: "days",
  };
}

const numberOf = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));

/** The API's trigger for the draft (validated by the schema, not here). */
export function toTrigger(draft: TriggerDraft): Trigger {
  if (draft.type === "inactivity") {
    return {
      type: "inactivity",
      days: numberOf(draft.inactiveDays),
      oncePerHours:
        numberOf(draft.inactivityOnceAmount) * periodUnitHours[draft.inactivityOnceUnit],
    };
  }
  return {
    type: "event",
    event: draft.event.trim(),
    delayMinutes: numberOf(draft.delayAmount) * delayUnitMinutes[draft.delayUnit],
    exitEvents: draft.exitEvents,
    oncePerHours: numberOf(draft.onceAmount) * periodUnitHours[draft.onceUnit],
  };
}

/** Minutes in the largest unit that divides them: 1440 → 1 day, 90 → 90 minutes. */
function delayOf(minutes: number): { amount: string; unit: DelayUnit } {
  if (minutes > 0 && minutes % 1440 === 0) return { amount: String(minutes / 1440), unit: "days" };
  if (minutes > 0 && minutes % 60 === 0) return { amount: String(minutes / 60), unit: "hours" };
  return { amount: String(minutes), unit: "minutes" };
}

function periodOf(hours: number): { amount: string; unit: PeriodUnit } {
  return hours % 24 === 0
    ? { amount: String(hours / 24), unit: "days" }
    : { amount: String(hours), unit: "hours" };
}

/** The draft for a saved trigger (the edit page); the other type keeps its defaults. */
export function fromTrigger(trigger: Trigger | null): TriggerDraft {
  const draft = newTriggerDraft();
  if (!trigger) return draft;
  if (trigger.type === "inactivity") {
    const once = periodOf(trigger.oncePerHours);
    return {
      ...draft,
      type: "inactivity",
      inactiveDays: String(trigger.days),
      inactivityOnceAmount: once.amount,
      inactivityOnceUnit: once.unit,
    };
  }
  const delay = delayOf(trigger.delayMinutes);
  const once = periodOf(trigger.oncePerHours);
  return {
    ...draft,
    type: "event",
    event: trigger.event,
    delayAmount: delay.amount,
    delayUnit: delay.unit,
    exitEvents: [...trigger.exitEvents],
    onceAmount: once.amount,
    onceUnit: once.unit,
  };
}

/**
 * The schema counts in minutes and hours; the marketer typed days, say. Its
 * complaint about a trigger field is said again in the words of the form.
 */
export function triggerFieldMessage(path: string, message: string): string {
  const field = path.split(".")[1];
  switch (field) {
    case "event":
      return message === "is required"
        ? "name the event that starts it"
        : "an event name has at most 100 characters";
    case "delayMinutes":
      return "a whole number, from 0 (right away) up to 30 days";
    case "exitEvents":
      return /\.\d+$/.test(path)
        ? "an event name has 1 to 100 characters"
        : "at most 10 exit events";
    case "oncePerHours":
      return "a whole number, from 1 hour up to 365 days";
    case "days":
      return "a whole number of days, from 1 to 365";
    default:
      return message;
  }
}
