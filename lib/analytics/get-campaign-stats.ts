import type { CampaignStatsDto } from "@/lib/campaigns/api-schemas";
import { getDb } from "@/lib/db/client";
import type { DeliveryStatus, Platform } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import {
  addDeliveryTotals,
  type DeliveryTotals,
  deliveryTotalsOf,
  emptyDeliveryTotals,
  sumDeliveryMeasuresSql,
} from "./delivery-totals";
import { deliveryRates } from "./metrics";

interface VariantPlatformRow extends DeliveryTotals {
  variant_id: string;
  platform: Platform;
}

interface ReasonRow {
  status: DeliveryStatus;
  reason: string | null;
  count: number;
}

const funnelOf = (totals: DeliveryTotals) => ({
  sent: totals.sent,
  delivered: totals.delivered,
  opened: totals.opened,
  dismissed: totals.dismissed,
  converted: totals.converted,
  revenue: totals.revenue,
});

/**
 * A campaign's delivery counts by status and reason, and its funnel overall,
 * per platform and per variant with DESIGN.md's rates — the shape of
 * `GET /api/v1/campaigns/{id}/stats` and of a notification's stats. Outcomes
 * and receipts come from the rollups (the same rows the dashboards read, so
 * the API and the dashboards agree); only recipients still waiting (pending,
 * queued) are counted on the delivery rows, through the (campaignId, status)
 * index, which finds none once a campaign is done.
 */
export async function getCampaignStats(
  appId: string,
  campaignId: string,
): Promise<CampaignStatsDto> {
  const db = getDb();
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, appId },
    select: {
      id: true,
      status: true,
      audienceSize: true,
      variants: { select: { id: true, key: true } },
    },
  });
  if (!campaign) throw notFound(`Campaign ${campaignId}`);
  const [groups, reasons, waiting] = await Promise.all([
    db.$queryRaw<VariantPlatformRow[]>`
      SELECT r."variantId" AS variant_id, r.platform, ${sumDeliveryMeasuresSql("r")}
      FROM delivery_rollups r
      WHERE r."appId" = ${appId} AND r."campaignId" = ${campaignId}
      GROUP BY 1, 2`,
    db.$queryRaw<ReasonRow[]>`
      SELECT r.status, r.reason, sum(r.count)::float8 AS count
      FROM delivery_reason_rollups r
      WHERE r."appId" = ${appId} AND r."campaignId" = ${campaignId}
      GROUP BY 1, 2`,
    db.$queryRaw<ReasonRow[]>`
      SELECT d.status, d.reason, count(*)::float8 AS count
      FROM deliveries d
      WHERE d."campaignId" = ${campaignId} AND d."appId" = ${appId} AND d.status IN ('pending', 'queued')
      GROUP BY 1, 2`,
  ]);

  const total = emptyDeliveryTotals();
  const platforms = new Map<Platform, DeliveryTotals>();
  const variants = new Map<string, DeliveryTotals>();
  for (const row of groups) {
    const counts = deliveryTotalsOf(row);
    addDeliveryTotals(total, counts);
    platforms.set(
      row.platform,
      addDeliveryTotals(platforms.get(row.platform) ?? emptyDeliveryTotals(), counts),
    );
    variants.set(
      row.variant_id,
      addDeliveryTotals(variants.get(row.variant_id) ?? emptyDeliveryTotals(), counts),
    );
  }
  const byStatus: Record<DeliveryStatus, number> = {
    pending: 0,
    queued: 0,
    sent: total.sent,
    failed: total.failed,
    skipped: total.skipped,
    expired: total.expired,
    canceled: total.canceled,
  };
  for (const row of waiting) byStatus[row.status] += row.count;
  const keyOf = new Map(campaign.variants.map((variant) => [variant.id, variant.key]));

  return {
    campaignId: campaign.id,
    status: campaign.status,
    audienceSize: campaign.audienceSize,
    total: Object.values(byStatus).reduce((sum, count) => sum + count, 0),
    byStatus,
    byReason: [...reasons, ...waiting]
      .flatMap((row) =>
        row.reason ? [{ status: row.status, reason: row.reason, count: row.count }] : [],
      )
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    ...funnelOf(total),
    rates: deliveryRates(total),
    byPlatform: [...platforms.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([platform, counts]) => ({
        platform,
        ...funnelOf(counts),
        rates: deliveryRates(counts),
      })),
    byVariant: [...variants.entries()]
      .map(([variantId, counts]) => ({
        variantId: variantId || null,
        key: variantId ? (keyOf.get(variantId) ?? null) : null,
        ...funnelOf(counts),
        rates: deliveryRates(counts),
      }))
      .sort((a, b) => (a.key ?? "").localeCompare(b.key ?? "")),
  };
}
