import type { Benchmark } from "@/lib/analytics/benchmarks";
import { formatCount, formatMoney, formatPerPush, formatRate } from "@/lib/analytics/format";
import type { CampaignAnalytics, OverviewStats } from "@/lib/analytics/schemas";
import { KpiTile } from "./kpi-tile";

type Totals = Pick<
  OverviewStats["totals"] & CampaignAnalytics["totals"],
  "sent" | "failed" | "skipped" | "delivered" | "opened" | "converted" | "revenue"
>;
type Rates = Pick<
  OverviewStats["rates"] & CampaignAnalytics["rates"],
  "deliveryRate" | "openRate" | "conversionRate" | "revenuePerPush"
>;

/**
 * Sent → delivered → opened → converted → revenue, the tiles the overview and
 * a campaign's analytics share. The open-rate range is only meaningful for
 * one campaign (the overview mixes categories with different ranges).
 */
export function FunnelKpiTiles({
  totals,
  rates,
  benchmarks,
}: {
  totals: Totals;
  rates: Rates;
  benchmarks: { deliveryRate: Benchmark; openRate?: Benchmark };
}) {
  return (
    <>
      <KpiTile
        testId="sent"
        label="Sent"
        value={formatCount(totals.sent)}
        detail={`${formatCount(totals.failed)} failed · ${formatCount(totals.skipped)} skipped`}
      />
      <KpiTile
        testId="delivered"
        label="Delivered"
        value={formatCount(totals.delivered)}
        detail={`Delivery rate ${formatRate(rates.deliveryRate)}`}
        benchmark={benchmarks.deliveryRate}
        benchmarkValue={rates.deliveryRate}
      />
      <KpiTile
        testId="opened"
        label="Opened"
        value={formatCount(totals.opened)}
        detail={`Open rate ${formatRate(rates.openRate)}`}
        benchmark={benchmarks.openRate}
        benchmarkValue={rates.openRate}
      />
      <KpiTile
        testId="converted"
        label="Converted"
        value={formatCount(totals.converted)}
        detail={`Conversion rate ${formatRate(rates.conversionRate)}`}
      />
      <KpiTile
        testId="revenue"
        label="Revenue"
        value={formatMoney(totals.revenue)}
        detail={`${formatPerPush(rates.revenuePerPush)} per push sent`}
      />
    </>
  );
}
