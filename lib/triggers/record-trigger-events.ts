import { triggerSchema } from "@/lib/campaigns/schemas";
import type { Prisma } from "@/lib/db/generated/client";

/** An active event-triggered campaign, as ingestion matches events against it. */
export interface EventTrigger {
  campaignId: string;
  event: string;
  delayMinutes: number;
  oncePerHours: number;
}

type Db = Pick<Prisma.TransactionClient, "campaign">;

const CACHE_MS = 5_000;
const globalForTriggers = globalThis as unknown as {
  heraldTriggerCache?: Map<string, { at: number; triggers: EventTrigger[] }>;
};
// One map per process: the web server loads this module once in Next's
// bundle and once in its own (the hot routes that ingest events), and a
// launch in one must be forgotten by the other.
globalForTriggers.heraldTriggerCache ??= new Map();
const cache = globalForTriggers.heraldTriggerCache;

/**
 * The app's active event-triggered campaigns, cached for a few seconds:
 * every ingestion batch asks, and almost every answer is "none". Ingestion
 * records the firings of the events it stores in the same statement
 * (lib/events/store-events.ts), so an accepted event never loses its firing.
 * Inside a transaction, pass it: asking the pool for a second connection
 * while holding one can starve it under load.
 */
export async function activeEventTriggers(db: Db, appId: string): Promise<EventTrigger[]> {
  const cached = cache.get(appId);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.triggers;
  const campaigns = await db.campaign.findMany({
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

/** Forgets cached triggers (after a campaign is launched, paused or canceled, and in tests). */
export function forgetTriggerCache(appId?: string): void {
  if (appId) cache.delete(appId);
  else cache.clear();
}
