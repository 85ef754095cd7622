"use client";

import { useState } from "react";
import { chartColors } from "@/components/charts/chart-format";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { OverviewStats } from "@/lib/analytics/schemas";
import { csvName, funnelCsvColumns } from "./csv-columns";
import { ExportCsvButton } from "./export-csv-button";
import { MetricSwitch } from "./metric-switch";

type Bucket = OverviewStats["series"][number];
type RateMetric = "deliveryRate" | "openRate" | "optInRate" | "optOutRate" | "revenuePerPush";

const rateMetrics: readonly { id: RateMetric; label: string }[] = [
  { id: "deliveryRate", label: "Delivery rate" },
  { id: "openRate", label: "Open rate" },
  { id: "optInRate", label: "Opt-in rate" },
  { id: "optOutRate", label: "Opt-out rate" },
  { id: "revenuePerPush", label: "Revenue per push" },
];

const rateDescriptions: Record<RateMetric, string> = {
  deliveryRate: "Delivered ÷ sent, for the pushes sent in each period.",
  openRate: "Opened ÷ delivered, for the pushes sent in each period.",
  optInRate: "Permission prompts allowed ÷ shown.",
  optOutRate: "Devices that opted out ÷ devices opted in during the period.",
  revenuePerPush: "Attributed revenue ÷ pushes sent.",
};

const seriesCsv = [
  { header: "Period", value: (row: Bucket) => row.key },
  ...funnelCsvColumns<Bucket>(),
  { header: "Permission prompts", value: (row: Bucket) => row.prompted },
  { header: "Prompts allowed", value: (row: Bucket) => row.granted },
  { header: "Opt-in rate (%)", value: (row: Bucket) => row.rates.optInRate },
  { header: "Devices opted in", value: (row: Bucket) => row.optedIn },
  { header: "Devices opted out", value: (row: Bucket) => row.optedOut },
  { header: "Opt-out rate (%)", value: (row: Bucket) => row.rates.optOutRate },
];

function periodNote(stats: OverviewStats): string {
  return stats.range.granularity === "day"
    ? `Days in ${stats.range.timezone}. Receipts count on the day their push was sent.`
    : "Hours. Receipts count in the hour their push was sent.";
}

/** Sent, delivered, opened and converted per day or hour. */
export function VolumeOverTimeCard({ stats }: { stats: OverviewStats }) {
  const isEmpty = stats.series.every((row) => row.sent === 0 && row.delivered === 0);
  return (
    <Card>
      <CardHeader
        title="Pushes over time"
        description={periodNote(stats)}
        actions={
          <ExportCsvButton
            filename={csvName("overview-series", stats.range)}
            columns={seriesCsv}
            rows={stats.series}
          />
        }
      />
      <CardBody>
        {isEmpty ? (
          <EmptyState
            title="No pushes sent in this period"
            description="Send a campaign or widen the period to see the funnel over time."
          />
        ) : (
          <TimeSeriesChart
            label="Pushes sent, delivered, opened and converted over time"
            rows={stats.series}
            granularity={stats.range.granularity}
            timezone={stats.range.timezone}
            format="count"
            series={[
              { key: "sent", label: "Sent", color: chartColors.slate, value: (row) => row.sent },
              {
                key: "delivered",
                label: "Delivered",
                color: chartColors.sky,
                value: (row) => row.delivered,
              },
              {
                key: "opened",
                label: "Opened",
                color: chartColors.indigo,
                value: (row) => row.opened,
              },
              {
                key: "converted",
                label: "Converted",
                color: chartColors.emerald,
                value: (row) => row.converted,
              },
            ]}
          />
        )}
      </CardBody>
    </Card>
  );
}

/** One rate at a time, with its healthy range shaded where DESIGN.md gives one. */
export function RatesOverTimeCard({ stats }: { stats: OverviewStats }) {
  const [metric, setMetric] = useState<RateMetric>("deliveryRate");
  const values = stats.series.map((row) => row.rates[metric]);
  const hasValues = values.some((value) => value !== null);
  const band =
    metric === "deliveryRate"
      ? { ...stats.benchmarks.deliveryRate, label: "healthy 95–99 %" }
      : null;
  const label = rateMetrics.find((entry) => entry.id === metric)?.label ?? metric;
  return (
    <Card>
      <CardHeader title="Rates over time" description={rateDescriptions[metric]} />
      <CardBody className="space-y-4">
        <MetricSwitch
          label="Rate shown"
          options={rateMetrics}
          value={metric}
          onChange={setMetric}
        />
        {hasValues ? (
          <TimeSeriesChart
            label={`${label} over time`}
            rows={stats.series}
            granularity={stats.range.granularity}
            timezone={stats.range.timezone}
            format={metric === "revenuePerPush" ? "perPush" : "percent"}
            band={band}
            series={[
              {
                key: metric,
                label,
                color: metric === "optOutRate" ? chartColors.rose : chartColors.indigo,
                value: (row) => row.rates[metric],
              },
            ]}
          />
        ) : (
          <EmptyState
            title={`No ${label.toLowerCase()} in this period`}
            description="A rate needs something to divide by: it shows as — until there is."
          />
        )}
      </CardBody>
    </Card>
  );
}
