import { triggerSchema } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";
import { launchCampaignPhase } from "@/lib/delivery/launch-phase";
import type { Logger } from "@/lib/logger";

const BATCH = 1_000;

/**
 * Sends firings whose time has come: those whose subscriber did one of the
 * campaign's exit events after the trigger are closed as `exited` instead.
 * Each batch becomes its own delivery phase, so the rows of every firing
 * are unique and the usual pipeline (caps, quiet hours, retries) applies.
 */
export async function runDueTriggers(log: Logger, now = new Date()): Promise<void> {
  const db = getDb();
  const due = await db.triggerFire.findMany({
    where: { status: "pending", dueAt: { lte: now }, campaign: { status: "sending" } },
    select: {
      id: true,
      campaignId: true,
      subscriberId: true,
      firedAt: true,
      campaign: { select: { trigger: true } },
    },
    orderBy: { id: "asc" },
    take: BATCH,
  });
  const byCampaign = new Map<string, typeof due>();
  for (const fire of due)
    byCampaign.set(fire.campaignId, [...(byCampaign.get(fire.campaignId) ?? []), fire]);

  for (const [campaignId, fires] of byCampaign) {
    const trigger = triggerSchema.safeParse(fires[0]?.campaign.trigger);
    const exitEvents =
      trigger.success && trigger.data.type === "event" ? trigger.data.exitEvents : [];
    const exited = new Set<bigint>();
    if (exitEvents.length) {
      const rows = await db.$queryRaw<{ id: bigint }[]>`
        SELECT f.id FROM trigger_fires f
        WHERE f.id = ANY(${fires.map((fire) => fire.id.toString())}::bigint[])
          AND EXISTS (SELECT 1 FROM events e
                      WHERE e."subscriberId" = f."subscriberId" AND e.name = ANY(${exitEvents})
                        AND e."occurredAt" > f."firedAt")`;
      for (const row of rows) exited.add(BigInt(row.id));
    }
    const phase = `trigger-${fires[0]?.id ?? 0}`;
    const sendable = fires.filter((fire) => !exited.has(fire.id));
    if (exited.size) {
      await db.triggerFire.updateMany({
        where: { id: { in: [...exited] }, status: "pending" },
        data: { status: "exited" },
      });
    }
    // Claim the firings first, so a concurrent tick cannot send them again;
    // only what this tick claimed is sent, and a failure hands them back.
    await db.triggerFire.updateMany({
      where: { id: { in: sendable.map((fire) => fire.id) }, status: "pending" },
      data: { status: "sent", phase },
    });
    const claimed = await db.triggerFire.findMany({
      where: { phase, status: "sent", campaignId },
      select: { subscriberId: true },
    });
    if (!claimed.length) continue;
    try {
      await launchCampaignPhase(campaignId, phase, log, {
        onlySubscribers: claimed.map((fire) => fire.subscriberId),
      });
    } catch (error) {
      await db.triggerFire.updateMany({
        where: { phase, status: "sent" },
        data: { status: "pending", phase: null },
      });
      throw error;
    }
  }
}

/**
 * Fires inactivity campaigns for subscribers not seen for the configured
 * number of days (and not fired for this campaign within `oncePerHours`).
 */
export async function detectInactivity(now = new Date()): Promise<number> {
  const db = getDb();
  const campaigns = await db.campaign.findMany({
    where: { category: "triggered", status: "sending" },
    select: { id: true, appId: true, trigger: true },
  });
  let fired = 0;
  for (const campaign of campaigns) {
    const trigger = triggerSchema.safeParse(campaign.trigger);
    if (!trigger.success || trigger.data.type !== "inactivity") continue;
    const cutoff = new Date(now.getTime() - trigger.data.days * 24 * 3600 * 1000);
    fired += await db.$executeRaw`
      INSERT INTO trigger_fires ("appId", "campaignId", "subscriberId", "firedAt", "dueAt", status, "createdAt", "updatedAt")
      SELECT ${campaign.appId}, ${campaign.id}, s.id, ${now}, ${now}, 'pending', now(), now()
      FROM subscribers s
      WHERE s."appId" = ${campaign.appId} AND s."lastSeenAt" < ${cutoff}
        AND NOT EXISTS (
          SELECT 1 FROM trigger_fires f
          WHERE f."campaignId" = ${campaign.id} AND f."subscriberId" = s.id
            AND (f.status = 'pending' OR f."firedAt" > ${now}::timestamp - make_interval(hours => ${trigger.data.oncePerHours}))
        )
      LIMIT 10000`;
  }
  return fired;
}
