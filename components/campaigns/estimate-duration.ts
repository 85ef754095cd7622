import type { Experiment, Schedule } from "@/lib/campaigns/schemas";
import { formatCount, formatDuration, formatMinutes } from "./format";

/**
 * Sends per second one worker sustains end to end (payload build, HTTP/2 to
 * the provider, recording the outcome) on a 2-core machine: deliberately
 * conservative, so "about 4 minutes" is rarely an underestimate. More worker
 * processes scale it roughly linearly.
 */
export const assumedSendsPerSecond = 1_000;

export interface DurationEstimate {
  /** Seconds of sending (not counting the wait before a scheduled start or an A/B window). */
  seconds: number;
  /** One sentence for the confirmation: how and how long. */
  summary: string;
}

export function estimateSendDuration(input: {
  devices: number;
  throttlePerMinute: number | null;
  schedule: Schedule;
  experiment: Experiment | null;
}): DurationEstimate {
  const { devices, throttlePerMinute, schedule, experiment } = input;
  const seconds = throttlePerMinute
    ? (devices / throttlePerMinute) * 60
    : devices / assumedSendsPerSecond;
  const pace = throttlePerMinute
    ? `at most ${formatCount(throttlePerMinute)} a minute (your throttle)`
    : `at about ${formatCount(assumedSendsPerSecond)} a second`;
  let summary = `Sending ${formatCount(devices)} pushes ${pace} takes ${formatDuration(seconds)}.`;
  if (schedule.type === "local_time" || schedule.type === "best_hour") {
    summary = `Pushes go out as each subscriber's hour comes, so delivery spreads over up to 24 hours; each hour's share takes ${formatDuration(seconds / 24)} or less.`;
  }
  if (experiment?.mode === "winner") {
    const testDevices = Math.round((devices * experiment.testPercent) / 100);
    summary += ` The test group (${experiment.testPercent}%, about ${formatCount(testDevices)}) goes first; the winner goes to the rest ${formatMinutes(experiment.windowMinutes)} later.`;
  }
  return { seconds, summary };
}
