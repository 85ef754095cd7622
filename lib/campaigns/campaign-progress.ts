import { getDb } from "@/lib/db/client";
import type { CampaignStatus } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";

export interface CampaignProgress {
  campaignId: string;
  status: CampaignStatus;
  /** Recipients listed so far (one per device); null until the launch starts listing them. */
  total: number | null;
  /** False while the launch is still listing recipients (or a winner's remainder is being added). */
  isAudienceComplete: boolean;
  sent: number;
  failed: number;
  skipped: number;
  expired: number;
  canceled: number;
  /** Listed recipients with no outcome yet: waiting, in flight, or due later (local time, best hour). */
  remaining: number;
  scheduledAt: string | null;
  launchedAt: string | null;
  completedAt: string | null;
  /** When an A/B test's window ends; null when there is no test waiting for its winner. */
  experimentDecidesAt: string | null;
  throttlePerMinute: number | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * Live counts for the progress bar, cheap enough to poll every 2 s: outcome
 * counts come from the hourly rollups (a handful of rows per campaign, kept
 * by triggers), and the recipient total from the campaign row once the launch
 * has written it. Only while the launch is still listing recipients does it
 * count delivery rows.
 */
export async function getCampaignProgress(
  appId: string,
  campaignId: string,
): Promise<CampaignProgress> {
  const db = getDb();
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, appId },
    select: {
      id: true,
      status: true,
      audienceSize: true,
      launchedAt: true,
      launchCompletedAt: true,
      scheduledAt: true,
      completedAt: true,
      experimentDecidesAt: true,
      throttlePerMinute: true,
    },
  });
  if (!campaign) throw notFound(`Campaign ${campaignId}`);
  const [outcomes, listed] = await Promise.all([
    db.deliveryRollup.aggregate({
      where: { campaignId },
      _sum: { sent: true, failed: true, skipped: true, expired: true, canceled: true },
    }),
    campaign.launchedAt && (!campaign.launchCompletedAt || campaign.audienceSize === null)
      ? db.delivery.count({ where: { campaignId } })
      : Promise.resolve(campaign.launchedAt ? campaign.audienceSize : null),
  ]);
  const sent = outcomes._sum.sent ?? 0;
  const failed = outcomes._sum.failed ?? 0;
  const skipped = outcomes._sum.skipped ?? 0;
  const expired = outcomes._sum.expired ?? 0;
  const canceled = outcomes._sum.canceled ?? 0;
  const finished = sent + failed + skipped + expired + canceled;
  return {
    campaignId: campaign.id,
    status: campaign.status,
    total: listed,
    isAudienceComplete: Boolean(campaign.launchCompletedAt),
    sent,
    failed,
    skipped,
    expired,
    canceled,
    remaining: listed === null ? 0 : Math.max(0, listed - finished),
    scheduledAt: iso(campaign.scheduledAt),
    launchedAt: iso(campaign.launchedAt),
    completedAt: iso(campaign.completedAt),
    experimentDecidesAt: iso(campaign.experimentDecidesAt),
    throttlePerMinute: campaign.throttlePerMinute,
  };
}
