import { type TriggerEventsJob, triggerEventsJobSchema } from "@/lib/queue/jobs";
import { getQueue } from "@/lib/queue/queues";

/**
 * Hands freshly ingested events to the worker, which fires triggered
 * campaigns. Called after the events are committed; ids only go to Redis.
 * If Redis is down the events are still stored: triggers are an extra, and
 * ingestion must not fail because of them.
 */
export async function enqueueTriggerEvents(appId: string, eventIds: bigint[]): Promise<void> {
  if (!eventIds.length) return;
  const data: TriggerEventsJob = triggerEventsJobSchema.parse({
    appId,
    eventIds: eventIds.map(String),
  });
  await getQueue("events").add("events", data);
}
