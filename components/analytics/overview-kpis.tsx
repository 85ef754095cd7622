import { Skeleton } from "@/components/ui/skeleton";
import { formatCount, formatRate } from "@/lib/analytics/format";
import type { OverviewStats } from "@/lib/analytics/schemas";
import { FunnelKpiTiles } from "./funnel-kpi-tiles";
import { KpiTile } from "./kpi-tile";

/** The period's headline figures: the funnel with its rates, revenue, opt-in and opt-out. */
export function OverviewKpis({ stats }: { stats: OverviewStats | undefined }) {
  if (!stats) {
    return (
      <div
        className="grid grid-cols-2 gap-4 lg:grid-cols-4"
        role="status"
        aria-label="Loading figures"
      >
        {Array.from({ length: 8 }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders never reorder
          <Skeleton key={index} className="h-28 rounded-xl" />
        ))}
      </div>
    );
  }
  const { totals, rates, benchmarks } = stats;
  const optedInBase = totals.activeAtStart + totals.optedIn;
  // The opt-out range is a monthly one: against a day or a week it would mislead.
  const periodDays =
    (Date.parse(`${stats.range.to}T00:00:00Z`) - Date.parse(`${stats.range.from}T00:00:00Z`)) /
      86_400_000 +
    1;
  return (
    <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
      <FunnelKpiTiles totals={totals} rates={rates} benchmarks={benchmarks} />
      <KpiTile
        testId="opt-in-rate"
        label="Opt-in rate"
        value={formatRate(rates.optInRate)}
        detail={`${formatCount(totals.granted)} allowed of ${formatCount(totals.prompted)} permission prompts`}
      />
      <KpiTile
        testId="opt-out-rate"
        label="Opt-out rate"
        value={formatRate(rates.optOutRate)}
        detail={`${formatCount(totals.optedOut)} of ${formatCount(optedInBase)} opted-in devices`}
        benchmark={periodDays >= 28 ? benchmarks.optOutRate : null}
        benchmarkValue={rates.optOutRate}
        goodDirection="down"
      />
      <KpiTile
        testId="opted-in"
        label="New opt-ins"
        value={formatCount(totals.optedIn)}
        detail="Devices registered or re-enabled"
      />
    </div>
  );
}
