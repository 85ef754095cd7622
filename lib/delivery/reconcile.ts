import { currentLaunchPhase } from "@/lib/campaigns/launch-phase-of";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { Logger } from "@/lib/logger";
import { enqueueLaunch, enqueueSends, getQueue } from "@/lib/queue/queues";
import { completeCampaignIfDone } from "./complete-campaign";
import { loadSendingCampaign } from "./load-sending-campaign";
import { deliveryRanges } from "./requeue";
import { deliveryTuning } from "./tuning";

/**
 * The safety net behind at-least-once queues: finds work Redis lost (a
 * flushed or restarted Redis, a job that exhausted its retries, a crashed
 * launch) and enqueues it again. Re-enqueued work is harmless when the
 * original is still around, because sending requires claiming the row.
 */
export async function reconcileDeliveries(log: Logger, now = new Date()): Promise<void> {
  const db = getDb();
  const sending = await db.campaign.findMany({
    where: { status: "sending" },
    select: {
      id: true,
      launchedAt: true,
      launchCompletedAt: true,
      updatedAt: true,
      category: true,
    },
  });
  const { claimLeaseMs, reconcileStaleMs } = deliveryTuning();
  // While send jobs are still waiting, pending rows are most likely theirs:
  // re-enqueueing now would only pile duplicate jobs onto a backlog.
  const { waiting = 0 } = await getQueue("send").getJobCounts("waiting");
  const pendingCutoff = waiting > 0 ? new Date(0) : new Date(now.getTime() - reconcileStaleMs);
  const tick = Math.floor(now.getTime() / reconcileStaleMs);
  for (const campaign of sending) {
    // Past its TTL a push is worthless (a flash sale that ended): expire, never send late.
    await db.$executeRaw`
      UPDATE deliveries SET status = 'expired', reason = 'ttl_expired', "claimToken" = NULL, "updatedAt" = now()
      WHERE "campaignId" = ${campaign.id} AND status = 'pending'
        AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = ${campaign.id} AND c."expiresAt" < ${now})`;
    // Triggered campaigns never finish materialising: their rows come from firings.
    if (!campaign.launchCompletedAt && campaign.category !== "triggered") {
      if (
        now.getTime() - (campaign.launchedAt ?? campaign.updatedAt).getTime() >
        reconcileStaleMs
      ) {
        await enqueueLaunch({
          campaignId: campaign.id,
          phase: await currentLaunchPhase(campaign.id),
        });
      }
      continue;
    }
    // Rows of a paused platform wait for the fix (which re-enqueues them):
    // no job may claim them meanwhile.
    const pausedPlatforms = (await loadSendingCampaign(campaign.id))?.failingPlatforms ?? [];
    const ranges = await deliveryRanges(
      campaign.id,
      Prisma.sql`((status = 'pending' AND "updatedAt" < ${pendingCutoff}
                   AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= ${now})
                   AND ("scheduledFor" IS NULL OR "scheduledFor" <= ${now})
                   AND NOT (platform::text = ANY(${pausedPlatforms}::text[])))
              OR (status = 'queued' AND "queuedAt" < ${new Date(now.getTime() - claimLeaseMs)}))`,
    );
    if (ranges.length) {
      log.warn(
        { campaignId: campaign.id, batches: ranges.length },
        "re-enqueueing stalled deliveries",
      );
      await enqueueSends(campaign.id, ranges, { tag: `rc${tick}` });
    } else {
      await completeCampaignIfDone(campaign.id);
    }
  }
}
