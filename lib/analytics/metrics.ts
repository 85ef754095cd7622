// DESIGN.md's metric definitions, computed here and nowhere else: the API,
// the dashboards and the CSV exports all show what these functions return.
// Pure (no database), so the browser bundle may import the types.

/**
 * A percentage to two decimals; null when the denominator is zero, which the
 * dashboards show as "—" (never 0 %, never NaN or Infinity).
 */
export function percentage(numerator: number, denominator: number): number | null {
  if (!(denominator > 0)) return null;
  return Math.round((numerator / denominator) * 10_000) / 100;
}

/** Money to four decimals, the precision deliveries and rollups store it with. */
export function roundMoney(amount: number): number {
  return Math.round(amount * 10_000) / 10_000;
}

export interface FunnelCounts {
  /** Accepted by the push service. */
  sent: number;
  /** Confirmed by the SDK or service worker (an open implies it). */
  delivered: number;
  opened: number;
  converted: number;
  /** Revenue attributed to these pushes. */
  revenue: number;
}

export interface DeliveryRates {
  /** delivered / sent × 100 */
  deliveryRate: number | null;
  /** opened / delivered × 100 */
  openRate: number | null;
  /** converted / opened × 100 */
  conversionRate: number | null;
  /** attributed revenue / sent */
  revenuePerPush: number | null;
}

export function revenuePerPush(revenue: number, sent: number): number | null {
  return sent > 0 ? roundMoney(revenue / sent) : null;
}

export function deliveryRates(counts: FunnelCounts): DeliveryRates {
  return {
    deliveryRate: percentage(counts.delivered, counts.sent),
    openRate: percentage(counts.opened, counts.delivered),
    conversionRate: percentage(counts.converted, counts.opened),
    revenuePerPush: revenuePerPush(counts.revenue, counts.sent),
  };
}

/** opted in / prompted × 100, over the native permission dialog (see prompt_rollups). */
export function optInRate(granted: number, prompted: number): number | null {
  return percentage(granted, prompted);
}

/**
 * disabled / opted-in over a period × 100: devices that opted out during the
 * period, over every device that was opted in at some point of it (those
 * active when it began plus those that opted in during it).
 */
export function optOutRate(
  optedOut: number,
  activeAtStart: number,
  optedInDuring: number,
): number | null {
  return percentage(optedOut, activeAtStart + optedInDuring);
}
