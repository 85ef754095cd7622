import { getPool } from "@/lib/db/client";

// Run after every send job: prepared once per connection on the shared pool.
const statement = {
  name: "herald_complete_campaign_if_done_v1",
  text: `
    UPDATE campaigns SET status = 'completed', "completedAt" = now(), "updatedAt" = now()
    WHERE id = $1 AND status = 'sending' AND "launchCompletedAt" IS NOT NULL
      AND "experimentDecidesAt" IS NULL
      AND NOT EXISTS (
        SELECT 1 FROM deliveries WHERE "campaignId" = $1 AND status IN ('pending', 'queued')
      )`,
};

/**
 * Marks a sending campaign completed once its audience is written, no row
 * is waiting or in flight, and no A/B winner is still to be sent to the
 * rest. Conditional, so concurrent callers agree.
 */
export async function completeCampaignIfDone(campaignId: string): Promise<boolean> {
  const { rowCount } = await getPool().query({ ...statement, values: [campaignId] });
  return (rowCount ?? 0) > 0;
}
