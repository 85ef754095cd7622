import { triggerSchema } from "@/lib/campaigns/schemas";
import type { Prisma } from "@/lib/db/generated/client";

export interface TriggerEvent {
  subscriberId: bigint | null;
  name: string;
  occurredAt: Date;
}

type Tx = Pick<Prisma.TransactionClient, "$executeRaw" | "campaign">;

interface EventTrigger {
  campaignId: string;
  event: string;
  delayMinutes: number;
  oncePerHours: number;
}

const CACHE_MS = 5_000;
const cache = new Map<string, { at: number; triggers: EventTrigger[] }>();

/**
 * The app's active event-triggered campaigns, cached for a few seconds:
 * every ingestion batch asks, and almost every answer is "none". Read
 * through the caller's transaction: asking the pool for a second connection
 * while holding one can starve it under load.
 */
async function activeEventTriggers(tx: Tx, appId: string): Promise<EventTrigger[]> {
  const cached = cache.get(appId);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.triggers;
  const campaigns = await tx.campaign.findMany({
    where: { appId, category: "triggered", status: "sending" },
    select: { id: true, trigger: true },
  });
  const triggers = campaigns.flatMap((campaign) => {
    const trigger = triggerSchema.safeParse(campaign.trigger);
    return trigger.success && trigger.data.type === "event"
      ? [{ campaignId: campaign.id, ...trigger.data }]
      : [];
  });
  cache.set(appId, { at: Date.now(), triggers });
  return triggers;
}

/**
 * Turns ingested events into firings of the app's active event-triggered
 * campaigns, each due after the campaign's delay, inside the ingestion's own
 * transaction: an accepted event never loses its firing. A subscriber gets
 * at most one firing per campaign per `oncePerHours` (a burst of the same
 * event counts once); the insert itself checks that, so concurrent batches agree.
 */
export async function recordTriggerEvents(
  tx: Tx,
  appId: string,
  events: TriggerEvent[],
): Promise<number> {
  const relevant = events.filter((event) => event.subscriberId !== null);
  if (!relevant.length) return 0;
  let fired = 0;
  for (const trigger of await activeEventTriggers(tx, appId)) {
    const matching = relevant.filter((candidate) => candidate.name === trigger.event);
    if (!matching.length) continue;
    fired += await tx.$executeRaw`
      INSERT INTO trigger_fires ("appId", "campaignId", "subscriberId", "firedAt", "dueAt", status, "createdAt", "updatedAt")
      SELECT DISTINCT ON (e.subscriber_id) ${appId}, ${trigger.campaignId}, e.subscriber_id, e.occurred_at,
             e.occurred_at + make_interval(mins => ${trigger.delayMinutes}), 'pending', now(), now()
      FROM unnest(${matching.map((item) => item.subscriberId?.toString() ?? null)}::bigint[],
                  ${matching.map((item) => item.occurredAt.toISOString())}::timestamptz[])
           AS e(subscriber_id, occurred_at)
      WHERE NOT EXISTS (
        SELECT 1 FROM trigger_fires f
        WHERE f."campaignId" = ${trigger.campaignId} AND f."subscriberId" = e.subscriber_id
          AND (f.status = 'pending' OR f."firedAt" > e.occurred_at - make_interval(hours => ${trigger.oncePerHours}))
      )
      ORDER BY e.subscriber_id, e.occurred_at`;
  }
  return fired;
}

/** Forgets cached triggers (after a campaign is launched, paused or canceled, and in tests). */
export function forgetTriggerCache(appId?: string): void {
  if (appId) cache.delete(appId);
  else cache.clear();
}
