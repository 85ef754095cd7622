import { getDb } from "@/lib/db/client";
import type { DeliveryStatus, Platform } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import type { CampaignStatsDto } from "./api-schemas";
import { campaignRates, type FunnelCounts } from "./campaign-rates";

const deliveryStatuses: DeliveryStatus[] = [
  "pending",
  "queued",
  "sent",
  "failed",
  "skipped",
  "expired",
  "canceled",
];

const emptyFunnel = (): FunnelCounts => ({
  sent: 0,
  delivered: 0,
  opened: 0,
  dismissed: 0,
  converted: 0,
  revenue: 0,
});

function addTo(target: FunnelCounts, source: FunnelCounts): void {
  target.sent += source.sent;
  target.delivered += source.delivered;
  target.opened += source.opened;
  target.dismissed += source.dismissed;
  target.converted += source.converted;
  target.revenue += source.revenue;
}

/**
 * A campaign's delivery counts by status and reason, and its funnel (sent →
 * delivered → opened → converted, with revenue) overall, per platform and per
 * variant, with DESIGN.md's rates. One grouped scan of its delivery rows.
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
  const groups = await db.delivery.groupBy({
    by: ["variantId", "platform", "status", "reason"],
    where: { campaignId, appId },
    _count: { _all: true, deliveredAt: true, openedAt: true, dismissedAt: true, convertedAt: true },
    _sum: { revenue: true },
  });

  const byStatus = Object.fromEntries(deliveryStatuses.map((status) => [status, 0])) as Record<
    DeliveryStatus,
    number
  >;
  const reasons = new Map<string, { status: DeliveryStatus; reason: string; count: number }>();
  const total = emptyFunnel();
  const platforms = new Map<Platform, FunnelCounts>();
  const variants = new Map<string | null, FunnelCounts>();
  let rows = 0;
  for (const group of groups) {
    const count = group._count._all;
    rows += count;
    byStatus[group.status] += count;
    if (group.reason) {
      const key = `${group.status}:${group.reason}`;
      const entry = reasons.get(key) ?? { status: group.status, reason: group.reason, count: 0 };
      entry.count += count;
      reasons.set(key, entry);
    }
    const funnel: FunnelCounts = {
      sent: group.status === "sent" ? count : 0,
      delivered: group._count.deliveredAt,
      opened: group._count.openedAt,
      dismissed: group._count.dismissedAt,
      converted: group._count.convertedAt,
      revenue: group._sum.revenue?.toNumber() ?? 0,
    };
    addTo(total, funnel);
    const platform = platforms.get(group.platform) ?? emptyFunnel();
    addTo(platform, funnel);
    platforms.set(group.platform, platform);
    const variant = variants.get(group.variantId) ?? emptyFunnel();
    addTo(variant, funnel);
    variants.set(group.variantId, variant);
  }
  const keyOf = new Map(campaign.variants.map((variant) => [variant.id, variant.key]));
  return {
    campaignId: campaign.id,
    status: campaign.status,
    audienceSize: campaign.audienceSize,
    total: rows,
    byStatus,
    byReason: [...reasons.values()].sort((a, b) => b.count - a.count),
    ...total,
    rates: campaignRates(total),
    byPlatform: [...platforms.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([platform, counts]) => ({ platform, ...counts, rates: campaignRates(counts) })),
    byVariant: [...variants.entries()]
      .map(([variantId, counts]) => ({
        variantId,
        key: variantId ? (keyOf.get(variantId) ?? null) : null,
        ...counts,
        rates: campaignRates(counts),
      }))
      .sort((a, b) => (a.key ?? "").localeCompare(b.key ?? "")),
  };
}
