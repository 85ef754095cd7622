"use client";

import { BarChart } from "@/components/charts/bar-chart";
import { chartColors } from "@/components/charts/chart-format";
import { FunnelChart } from "@/components/charts/funnel-chart";
import { QueryError } from "@/components/settings/api-state";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import {
  describeReason,
  formatCount,
  formatDuration,
  formatPerPush,
  formatRate,
  platformLabels,
} from "@/lib/analytics/format";
import type { CampaignAnalytics } from "@/lib/analytics/schemas";
import type { CsvColumn } from "@/lib/csv/to-csv";
import { csvName, funnelCsvColumns } from "./csv-columns";
import { ExportCsvButton } from "./export-csv-button";
import { FunnelKpiTiles } from "./funnel-kpi-tiles";
import { KpiTile } from "./kpi-tile";
import { StatsFilterBar } from "./stats-filter-bar";
import { useCampaignAnalytics } from "./stats-queries";
import { useStatsFilters } from "./use-stats-filters";

type Variant = NonNullable<CampaignAnalytics["experiment"]>["variants"][number];
type PlatformRow = CampaignAnalytics["byPlatform"][number];
type HourRow = CampaignAnalytics["afterSend"]["hours"][number];
type Bucket = CampaignAnalytics["timeToOpen"]["buckets"][number];

const stepLabels = {
  sent: "Sent",
  delivered: "Delivered",
  opened: "Opened",
  converted: "Converted",
};
const stepRateLabels = {
  sent: "",
  delivered: "delivery rate",
  opened: "open rate",
  converted: "conversion rate",
};
const metricLabels = {
  open_rate: "open rate",
  conversion_rate: "conversion rate",
  revenue_per_push: "revenue per push",
};

function Kpis({ stats }: { stats: CampaignAnalytics }) {
  const { totals, rates, benchmarks, timeToOpen } = stats;
  const median = timeToOpen.median;
  return (
    <div className="grid grid-cols-2 gap-4 lg:grid-cols-3 xl:grid-cols-6">
      <FunnelKpiTiles totals={totals} rates={rates} benchmarks={benchmarks} />
      <KpiTile
        testId="median-time-to-open"
        label="Median time to open"
        value={median ? `${median.isLowerBound ? "> " : ""}${formatDuration(median.seconds)}` : "—"}
        detail={`Mean ${formatDuration(timeToOpen.meanSeconds)}`}
        benchmark={timeToOpen.benchmark}
        benchmarkValue={median && !median.isLowerBound ? median.seconds / 60 : null}
        goodDirection="down"
        rangeUnit=" min"
      />
    </div>
  );
}

const funnelStepCsv: CsvColumn<CampaignAnalytics["funnel"][number]>[] = [
  { header: "Step", value: (row) => stepLabels[row.step] },
  { header: "Count", value: (row) => row.count },
  { header: "Rate from previous step (%)", value: (row) => row.rateFromPrevious },
  { header: "Lost since previous step", value: (row) => row.dropOff },
];

const bucketCsv: CsvColumn<Bucket>[] = [
  { header: "Opened after", value: (row) => row.label },
  { header: "Opens", value: (row) => row.opens },
  { header: "Share of opens (%)", value: (row) => row.share },
];

function TimeToOpenCard({ stats }: { stats: CampaignAnalytics }) {
  const { timeToOpen } = stats;
  return (
    <Card>
      <CardHeader
        title="Time to open"
        description={
          timeToOpen.median
            ? `Median ${timeToOpen.median.isLowerBound ? "over " : ""}${formatDuration(timeToOpen.median.seconds)} after sending (estimated within its bucket); typically 7–15 min.`
            : "How long after sending people opened."
        }
        actions={
          <ExportCsvButton
            filename={csvName(`time-to-open-${stats.campaign.id}`)}
            columns={bucketCsv}
            rows={timeToOpen.buckets}
          />
        }
      />
      <CardBody>
        {timeToOpen.opens === 0 ? (
          <EmptyState
            title="No opens yet"
            description="The distribution appears with the first open."
          />
        ) : (
          <BarChart
            label="Opens by time after sending"
            rows={timeToOpen.buckets}
            category={(row) => row.label}
            series={[
              {
                key: "opens",
                label: "Opens",
                color: chartColors.indigo,
                format: "count",
                value: (row) => row.opens,
              },
            ]}
          />
        )}
      </CardBody>
    </Card>
  );
}

const hourCsv: CsvColumn<HourRow>[] = [
  { header: "Hours after first send", value: (row) => row.hour },
  { header: "Hour starting (UTC)", value: (row) => row.start },
  { header: "Opens", value: (row) => row.opened },
  { header: "Conversions", value: (row) => row.converted },
  { header: "Revenue", value: (row) => row.revenue },
];

function AfterSendCard({ stats }: { stats: CampaignAnalytics }) {
  const { afterSend } = stats;
  const hasActivity = afterSend.hours.some((row) => row.opened > 0 || row.converted > 0);
  return (
    <Card>
      <CardHeader
        title="Opens and conversions by hour after send"
        description={
          afterSend.later.opened || afterSend.later.converted
            ? `Counted from the first push sent. After 72 h: ${formatCount(afterSend.later.opened)} opens, ${formatCount(afterSend.later.converted)} conversions.`
            : "Counted from the first push sent."
        }
        actions={
          <ExportCsvButton
            filename={csvName(`hours-after-send-${stats.campaign.id}`)}
            columns={hourCsv}
            rows={afterSend.hours}
          />
        }
      />
      <CardBody>
        {hasActivity ? (
          <BarChart
            label="Opens and conversions by hour after the first send"
            rows={afterSend.hours}
            category={(row) => `+${row.hour} h`}
            title={(category) => `${category} after the first send`}
            series={[
              {
                key: "opened",
                label: "Opens",
                color: chartColors.indigo,
                format: "count",
                value: (row) => row.opened,
              },
              {
                key: "converted",
                label: "Conversions",
                color: chartColors.emerald,
                format: "count",
                axis: "right",
                value: (row) => row.converted,
              },
            ]}
          />
        ) : (
          <EmptyState title="No opens or conversions yet" />
        )}
      </CardBody>
    </Card>
  );
}

const variantCsv: CsvColumn<Variant>[] = [
  { header: "Variant", value: (row) => row.key },
  { header: "Name", value: (row) => row.name },
  { header: "Winner", value: (row) => row.isWinner },
  { header: "Sent", value: (row) => row.sent },
  { header: "Delivered", value: (row) => row.delivered },
  { header: "Opened", value: (row) => row.opened },
  { header: "Converted", value: (row) => row.converted },
  { header: "Revenue", value: (row) => row.revenue },
  { header: "Open rate (%)", value: (row) => row.rates.openRate },
  { header: "Conversion rate (%)", value: (row) => row.rates.conversionRate },
  { header: "Revenue per push", value: (row) => row.rates.revenuePerPush },
  { header: "Confidence it beats the leader (%)", value: (row) => row.confidenceVsLeader },
];

function VariantsCard({ stats }: { stats: CampaignAnalytics }) {
  const experiment = stats.experiment;
  if (!experiment) return null;
  return (
    <Card>
      <CardHeader
        title="A/B test"
        description={`Test phase, all platforms, judged on ${metricLabels[experiment.metric]}. ${
          experiment.leaderConfidence === null
            ? "Not enough data for a confidence yet."
            : `${formatRate(experiment.leaderConfidence)} confident the leader beats every other variant.`
        }`}
        actions={
          <ExportCsvButton
            filename={csvName(`variants-${stats.campaign.id}`)}
            columns={variantCsv}
            rows={experiment.variants}
          />
        }
      />
      <Table>
        <thead className="bg-slate-50">
          <tr>
            <Th>Variant</Th>
            <Th className="text-right">Sent</Th>
            <Th className="text-right">Opened</Th>
            <Th className="text-right">Open rate</Th>
            <Th className="text-right">Conversion</Th>
            <Th className="text-right">Revenue / push</Th>
            <Th className="text-right">Chance to beat leader</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {experiment.variants.map((variant) => (
            <tr key={variant.variantId} data-testid={`variant-row-${variant.key}`}>
              <Td>
                <span className="font-medium text-slate-900">
                  {variant.key} · {variant.name}
                </span>{" "}
                {variant.variantId === experiment.leaderVariantId && (
                  <Badge tone="blue">Leader</Badge>
                )}{" "}
                {variant.isWinner && <Badge tone="green">Winner</Badge>}
              </Td>
              <Td className="text-right tabular-nums">{formatCount(variant.sent)}</Td>
              <Td className="text-right tabular-nums">{formatCount(variant.opened)}</Td>
              <Td className="text-right tabular-nums">{formatRate(variant.rates.openRate)}</Td>
              <Td className="text-right tabular-nums">
                {formatRate(variant.rates.conversionRate)}
              </Td>
              <Td className="text-right tabular-nums">
                {formatPerPush(variant.rates.revenuePerPush)}
              </Td>
              <Td className="text-right tabular-nums">
                {variant.variantId === experiment.leaderVariantId
                  ? "leader"
                  : formatRate(variant.confidenceVsLeader)}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}

const platformCsv: CsvColumn<PlatformRow>[] = [
  { header: "Platform", value: (row) => platformLabels[row.platform] },
  ...funnelCsvColumns<PlatformRow>(),
  { header: "Failed", value: (row) => row.failed },
  { header: "Skipped", value: (row) => row.skipped },
  { header: "Expired", value: (row) => row.expired },
  { header: "Canceled", value: (row) => row.canceled },
];

function PlatformsCard({ stats }: { stats: CampaignAnalytics }) {
  return (
    <Card>
      <CardHeader
        title="By platform"
        actions={
          <ExportCsvButton
            filename={csvName(`platforms-${stats.campaign.id}`)}
            columns={platformCsv}
            rows={stats.byPlatform}
          />
        }
      />
      {stats.byPlatform.length === 0 ? (
        <EmptyState title="Nothing sent yet" />
      ) : (
        <Table>
          <thead className="bg-slate-50">
            <tr>
              <Th>Platform</Th>
              <Th className="text-right">Sent</Th>
              <Th className="text-right">Delivery rate</Th>
              <Th className="text-right">Open rate</Th>
              <Th className="text-right">Conversion</Th>
              <Th className="text-right">Revenue / push</Th>
              <Th className="text-right">Failed</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {stats.byPlatform.map((row) => (
              <tr key={row.platform} data-testid={`campaign-platform-row-${row.platform}`}>
                <Td className="font-medium text-slate-900">{platformLabels[row.platform]}</Td>
                <Td className="text-right tabular-nums">{formatCount(row.sent)}</Td>
                <Td className="text-right tabular-nums">{formatRate(row.rates.deliveryRate)}</Td>
                <Td className="text-right tabular-nums">{formatRate(row.rates.openRate)}</Td>
                <Td className="text-right tabular-nums">{formatRate(row.rates.conversionRate)}</Td>
                <Td className="text-right tabular-nums">
                  {formatPerPush(row.rates.revenuePerPush)}
                </Td>
                <Td className="text-right tabular-nums">{formatCount(row.failed)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

function ReasonsCard<Row extends { reason: string; count: number }>({
  title,
  description,
  rows,
  empty,
  filename,
  status,
}: {
  title: string;
  description: string;
  rows: readonly Row[];
  empty: string;
  filename: string;
  status?: (row: Row) => string;
}) {
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const columns: CsvColumn<Row>[] = [
    ...(status ? [{ header: "Status", value: status }] : []),
    { header: "Reason", value: (row) => describeReason(row.reason) },
    { header: "Code", value: (row) => row.reason },
    { header: "Deliveries", value: (row) => row.count },
  ];
  return (
    <Card>
      <CardHeader
        title={title}
        description={description}
        actions={<ExportCsvButton filename={filename} columns={columns} rows={rows} />}
      />
      {rows.length === 0 ? (
        <EmptyState title={empty} />
      ) : (
        <Table>
          <thead className="bg-slate-50">
            <tr>
              <Th>Reason</Th>
              <Th className="text-right">Deliveries</Th>
              <Th className="text-right">Share</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={`${status?.(row) ?? ""}:${row.reason}`}>
                <Td>
                  <span className="text-slate-900">{describeReason(row.reason)}</span>
                  {status && <span className="ml-2 text-xs text-slate-400">{status(row)}</span>}
                </Td>
                <Td className="text-right tabular-nums">{formatCount(row.count)}</Td>
                <Td className="text-right tabular-nums">
                  {formatRate(total ? Math.round((row.count / total) * 10_000) / 100 : null)}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

/**
 * A campaign's analytics, from GET /api/v1/stats/campaigns/{id}: KPIs, the
 * funnel, time to open, hours after send, the A/B test, platforms, errors
 * and skips. The campaign pages may embed it as it is.
 */
export function CampaignAnalyticsView({
  appId,
  campaignId,
}: {
  appId: string;
  campaignId: string;
}) {
  const { filters } = useStatsFilters();
  const query = useCampaignAnalytics(appId, campaignId, filters);
  if (query.isError) {
    return (
      <Card>
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </Card>
    );
  }
  const stats = query.data;
  if (!stats) {
    return (
      <div className="space-y-4" role="status" aria-label="Loading campaign analytics">
        <Skeleton className="h-28 rounded-xl" />
        <Skeleton className="h-72 rounded-xl" />
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <StatsFilterBar showPeriod={false} showSegment={false} />
      <Kpis stats={stats} />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader
            title="Funnel"
            description="Each step's rate is of the step before: delivered of sent, opened of delivered, converted of opened."
            actions={
              <ExportCsvButton
                filename={csvName(`funnel-${stats.campaign.id}`)}
                columns={funnelStepCsv}
                rows={stats.funnel}
              />
            }
          />
          <CardBody>
            <FunnelChart
              label="Sent, delivered, opened, converted"
              steps={stats.funnel.map((step) => ({
                label: stepLabels[step.step],
                count: step.count,
                rate: step.rateFromPrevious,
                rateLabel: stepRateLabels[step.step],
                dropOff: step.dropOff,
              }))}
            />
          </CardBody>
        </Card>
        <TimeToOpenCard stats={stats} />
      </div>
      <AfterSendCard stats={stats} />
      <VariantsCard stats={stats} />
      <PlatformsCard stats={stats} />
      <div className="grid gap-6 xl:grid-cols-2">
        <ReasonsCard
          title="Errors by reason"
          description="Failed, expired or canceled deliveries."
          rows={stats.errors}
          empty="No errors"
          filename={csvName(`errors-${stats.campaign.id}`)}
          status={(row) => row.status}
        />
        <ReasonsCard
          title="Skipped by reason"
          description="Recipients Herald did not send to, and why."
          rows={stats.skips}
          empty="Nobody was skipped"
          filename={csvName(`skips-${stats.campaign.id}`)}
        />
      </div>
    </div>
  );
}
