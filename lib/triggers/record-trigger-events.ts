import { triggerSchema } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";
import { createTtlCache } from "@/lib/ttl-cache";

/** An active event-triggered campaign, as ingestion matches events against it. */
export interface EventTrigger {
  campaignId: string;
  event: string;
  delayMinutes: number;
  oncePerHours: number;
}

interface AppTriggers {
  appId: string;
  triggers: EventTrigger[];
}

const triggersByApp = createTtlCache<AppTriggers>({
  name: "event-triggers",
  ttlMs: 5_000,
  maxEntries: 10_000,
  read: async (appId) => {
    const campaigns = await getDb().campaign.findMany({
      where: { appId, category: "triggered", status: "sending" },
      select: { id: true, trigger: true },
    });
    const triggers = campaigns.flatMap((campaign) => {
      const trigger = triggerSchema.safeParse(campaign.trigger);
      return trigger.success && trigger.data.type === "event"
        ? [{ campaignId: campaign.id, ...trigger.data }]
        : [];
    });
    return { appId, triggers };
  },
});

/**
 * The app's active event-triggered campaigns, cached for a few seconds:
 * every ingestion batch asks, and almost every answer is "none". Ingestion
 * records the firings of the events it stores in the same statement
 * (lib/events/store-events.ts), so an accepted event never loses its firing.
 * Read on a pooled connection: ask before opening a transaction, since
 * asking the pool for a second connection while holding one can starve it
 * under load.
 */
export async function activeEventTriggers(appId: string): Promise<EventTrigger[]> {
  return (await triggersByApp.get(appId)).triggers;
}

/** Forgets cached triggers (after a campaign is launched, paused or canceled, and in tests). */
export function forgetTriggerCache(appId?: string): void {
  triggersByApp.forget((entry) => appId === undefined || entry.appId === appId);
}
