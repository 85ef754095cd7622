import type { CampaignRates } from "./api-schemas";

export interface FunnelCounts {
  sent: number;
  delivered: number;
  opened: number;
  dismissed: number;
  converted: number;
  revenue: number;
}

/** A percentage to two decimals; null when there is nothing to divide by (never a 0 % or NaN). */
export function percentage(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator / denominator) * 10_000) / 100;
}

/** The rates of DESIGN.md's metric definitions, from one set of counts. */
export function campaignRates(counts: FunnelCounts): CampaignRates {
  return {
    deliveryRate: percentage(counts.delivered, counts.sent),
    openRate: percentage(counts.opened, counts.delivered),
    conversionRate: percentage(counts.converted, counts.opened),
    revenuePerPush:
      counts.sent === 0 ? null : Math.round((counts.revenue / counts.sent) * 10_000) / 10_000,
  };
}
