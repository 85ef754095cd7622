import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { enqueueSends, type SendRange } from "@/lib/queue/queues";
import { deliveryTuning } from "./tuning";

/** The campaign's rows matching `condition`, grouped into send-job-sized id ranges. */
export async function deliveryRanges(
  campaignId: string,
  condition: Prisma.Sql,
): Promise<SendRange[]> {
  const { sendBatchSize } = deliveryTuning();
  const ranges = await getDb().$queryRaw<{ from_id: bigint; to_id: bigint }[]>`
    SELECT min(id) AS from_id, max(id) AS to_id FROM (
      SELECT id, (row_number() OVER (ORDER BY id) - 1) / ${sendBatchSize} AS batch
      FROM deliveries
      WHERE "campaignId" = ${campaignId} AND ${condition}
    ) due
    GROUP BY batch
    ORDER BY 1`;
  return ranges.map((range) => ({ fromId: BigInt(range.from_id), toId: BigInt(range.to_id) }));
}

/**
 * Enqueues every pending row of a campaign at once (after a resume, or once
 * a fixed credential unblocks a platform) instead of waiting for the
 * reconciler's staleness window.
 */
export async function requeueCampaignNow(campaignId: string): Promise<number> {
  const ranges = await deliveryRanges(campaignId, Prisma.sql`status = 'pending'`);
  await enqueueSends(campaignId, ranges, { tag: `rq${Date.now()}` });
  return ranges.length;
}

/** Enqueues the pending rows of every campaign of the app that is sending. */
export async function requeueSendingCampaigns(appId: string): Promise<void> {
  const sending = await getDb().campaign.findMany({
    where: { appId, status: "sending" },
    select: { id: true },
  });
  for (const campaign of sending) await requeueCampaignNow(campaign.id);
}
