import { percentage } from "@/lib/analytics/metrics";
import { getDb } from "@/lib/db/client";

export interface CampaignKeyNumbers {
  campaignId: string;
  sent: number;
  delivered: number;
  opened: number;
  /** opened / delivered × 100; null before anything is delivered. */
  openRate: number | null;
}

/**
 * The numbers a campaign list shows per row, for a page of campaigns at once:
 * one grouped read of the hourly rollups instead of a stats request per row.
 * Ids of another app's campaigns simply match nothing.
 */
export async function listCampaignKeyNumbers(
  appId: string,
  campaignIds: string[],
): Promise<{ data: CampaignKeyNumbers[] }> {
  if (campaignIds.length === 0) return { data: [] };
  const groups = await getDb().deliveryRollup.groupBy({
    by: ["campaignId"],
    where: { appId, campaignId: { in: campaignIds } },
    _sum: { sent: true, delivered: true, opened: true },
  });
  const byId = new Map(groups.map((group) => [group.campaignId, group._sum]));
  return {
    data: campaignIds.flatMap((campaignId) => {
      const sums = byId.get(campaignId);
      if (!sums) return [];
      const delivered = sums.delivered ?? 0;
      const opened = sums.opened ?? 0;
      return [
        {
          campaignId,
          sent: sums.sent ?? 0,
          delivered,
          opened,
          openRate: percentage(opened, delivered),
        },
      ];
    }),
  };
}
