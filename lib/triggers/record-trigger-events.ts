import { triggerSchema } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";

export interface TriggerEvent {
  id: bigint;
  subscriberId: bigint | null;
  name: string;
  occurredAt: Date;
}

/**
 * Turns ingested events into firings of the app's active event-triggered
 * campaigns, each due after the campaign's delay. A subscriber gets at most
 * one firing per campaign per `oncePerHours` (a burst of the same event
 * counts once); the insert checks that itself, so concurrent batches agree.
 */
export async function recordTriggerEvents(appId: string, events: TriggerEvent[]): Promise<number> {
  const relevant = events.filter((event) => event.subscriberId !== null);
  if (!relevant.length) return 0;
  const db = getDb();
  const campaigns = await db.campaign.findMany({
    where: { appId, category: "triggered", status: "sending" },
    select: { id: true, trigger: true },
  });
  let fired = 0;
  for (const campaign of campaigns) {
    const trigger = triggerSchema.safeParse(campaign.trigger);
    if (!trigger.success || trigger.data.type !== "event") continue;
    const { event, delayMinutes, oncePerHours } = trigger.data;
    const matching = relevant.filter((candidate) => candidate.name === event);
    if (!matching.length) continue;
    fired += await db.$executeRaw`
      INSERT INTO trigger_fires ("appId", "campaignId", "subscriberId", "eventId", "firedAt", "dueAt", status, "createdAt", "updatedAt")
      SELECT DISTINCT ON (e.subscriber_id) ${appId}, ${campaign.id}, e.subscriber_id, e.event_id, e.occurred_at,
             e.occurred_at + make_interval(mins => ${delayMinutes}), 'pending', now(), now()
      FROM unnest(${matching.map((item) => item.id.toString())}::bigint[],
                  ${matching.map((item) => item.subscriberId?.toString() ?? null)}::bigint[],
                  ${matching.map((item) => item.occurredAt.toISOString())}::timestamptz[])
           AS e(event_id, subscriber_id, occurred_at)
      WHERE NOT EXISTS (
        SELECT 1 FROM trigger_fires f
        WHERE f."campaignId" = ${campaign.id} AND f."subscriberId" = e.subscriber_id
          AND (f.status = 'pending' OR f."firedAt" > e.occurred_at - make_interval(hours => ${oncePerHours}))
      )
      ORDER BY e.subscriber_id, e.occurred_at`;
  }
  return fired;
}
