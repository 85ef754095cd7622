import type { Job } from "bullmq";
import { getDb } from "@/lib/db/client";
import type { Logger } from "@/lib/logger";
import { type TriggerEventsJob, triggerEventsJobSchema } from "@/lib/queue/jobs";
import { recordTriggerEvents } from "@/lib/triggers/record-trigger-events";

export async function processEvents(job: Job<TriggerEventsJob>, log: Logger): Promise<void> {
  const { appId, eventIds } = triggerEventsJobSchema.parse(job.data);
  const events = await getDb().event.findMany({
    where: { appId, id: { in: eventIds.map(BigInt) } },
    select: { id: true, subscriberId: true, name: true, occurredAt: true },
  });
  const fired = await recordTriggerEvents(appId, events);
  if (fired) log.debug({ appId, fired }, "trigger firings recorded");
}
