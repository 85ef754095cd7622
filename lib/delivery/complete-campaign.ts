import { getDb } from "@/lib/db/client";

/**
 * Marks a sending campaign completed once its audience is written, no row
 * is waiting or in flight, and no A/B winner is still to be sent to the
 * rest. Conditional, so concurrent callers agree.
 */
export async function completeCampaignIfDone(campaignId: string): Promise<boolean> {
  const updated = await getDb().$executeRaw`
    UPDATE campaigns SET status = 'completed', "completedAt" = now(), "updatedAt" = now()
    WHERE id = ${campaignId} AND status = 'sending' AND "launchCompletedAt" IS NOT NULL
      AND "experimentDecidesAt" IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM deliveries
        WHERE "campaignId" = ${campaignId} AND status IN ('pending', 'queued')
      )`;
  return updated > 0;
}
