import { getDb } from "@/lib/db/client";

/** What the campaign analytics page titles itself with; null for another app's campaign. */
export function getCampaignHeading(appId: string, campaignId: string) {
  return getDb().campaign.findFirst({
    where: { id: campaignId, appId },
    select: { id: true, name: true, category: true, status: true, launchedAt: true },
  });
}
