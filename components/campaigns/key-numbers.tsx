import { Card, CardBody } from "@/components/ui/card";
import { formatPerPush } from "@/lib/analytics/format";
import type { CampaignDto, CampaignStatsDto } from "./campaign-api";
import { formatCount, formatMoney, formatPercent } from "./format";

/** The row of numbers at the top of a sent campaign: reach, delivery, opens, conversions, revenue. */
export function KeyNumbers({
  campaign,
  stats,
  isTestPhase,
}: {
  campaign: CampaignDto;
  stats: CampaignStatsDto;
  /** An A/B test waiting for its winner: only the test group is listed so far. */
  isTestPhase: boolean;
}) {
  const tiles = [
    // A triggered campaign has no audience listed up front: it reaches people as they trigger it.
    campaign.category === "triggered"
      ? { label: "Reached", value: formatCount(stats.total), note: "devices so far" }
      : {
          label: "Audience",
          value: formatCount(stats.audienceSize ?? campaign.audienceSize),
          note: isTestPhase ? "in the test group so far" : "devices listed",
        },
    { label: "Sent", value: formatCount(stats.sent), note: "accepted by the push services" },
    {
      label: "Delivered",
      value: formatCount(stats.delivered),
      note: `${formatPercent(stats.rates.deliveryRate)} delivery rate`,
    },
    {
      label: "Opened",
      value: formatCount(stats.opened),
      note: `${formatPercent(stats.rates.openRate)} open rate`,
    },
    {
      label: "Converted",
      value: formatCount(stats.converted),
      note: `${formatPercent(stats.rates.conversionRate)} of opens`,
    },
    {
      label: "Revenue",
      value: formatMoney(stats.revenue),
      note:
        stats.rates.revenuePerPush === null
          ? "per push —"
          : `${formatPerPush(stats.rates.revenuePerPush)} per push`,
    },
  ];
  return (
    <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-6">
      {tiles.map((tile) => (
        <Card key={tile.label}>
          <CardBody>
            <p className="text-xs font-medium text-slate-500">{tile.label}</p>
            <p
              className="mt-1 text-xl font-semibold tabular-nums text-slate-900"
              data-testid={`stat-${tile.label}`}
            >
              {tile.value}
            </p>
            <p className="mt-0.5 text-xs text-slate-500">{tile.note}</p>
          </CardBody>
        </Card>
      ))}
    </div>
  );
}
