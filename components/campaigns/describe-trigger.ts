import type { Trigger } from "@/lib/campaigns/schemas";
import { formatMinutes } from "./format";

const either = new Intl.ListFormat("en", { type: "disjunction" });

/** "at most once a day", "at most once every 3 days": how often one person can get it. */
export function describeOncePer(oncePerHours: number): string {
  if (oncePerHours === 1) return "at most once an hour";
  if (oncePerHours === 24) return "at most once a day";
  if (oncePerHours === 168) return "at most once a week";
  return `at most once every ${formatMinutes(oncePerHours * 60)}`;
}

/** The wait after the event: "right away", "30 minutes later". */
export function describeDelay(delayMinutes: number): string {
  return delayMinutes === 0 ? "right away" : `${formatMinutes(delayMinutes)} later`;
}

export function describeEvents(names: string[]): string {
  return either.format(names);
}

/** One sentence a marketer can check at a glance: who gets this campaign, and when. */
export function describeTrigger(trigger: Trigger): string {
  if (trigger.type === "inactivity") {
    const days = `${trigger.days} day${trigger.days === 1 ? "" : "s"}`;
    return `When someone has not been seen for ${days}; ${describeOncePer(trigger.oncePerHours)} per person`;
  }
  const unless = trigger.exitEvents.length
    ? `, unless they do ${describeEvents(trigger.exitEvents)} in between`
    : "";
  return `When someone does ${trigger.event}, ${describeDelay(trigger.delayMinutes)}${unless}; ${describeOncePer(trigger.oncePerHours)} per person`;
}
