"use client";

import { BarChart } from "@/components/charts/bar-chart";
import { chartColors } from "@/components/charts/chart-format";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { formatCount, formatRate, platformLabels } from "@/lib/analytics/format";
import type { AudienceStats } from "@/lib/analytics/schemas";
import type { CsvColumn } from "@/lib/csv/to-csv";
import { csvName } from "./csv-columns";
import { ExportCsvButton } from "./export-csv-button";

type AudienceBucket = AudienceStats["series"][number];
type TokenRow = AudienceStats["tokenHealth"][number];

const audienceCsv: CsvColumn<AudienceBucket>[] = [
  { header: "Period", value: (row) => row.key },
  { header: "Subscribers (end of period)", value: (row) => row.subscribers },
  { header: "Active devices (end of period)", value: (row) => row.activeDevices },
  { header: "Devices opted in", value: (row) => row.optedIn },
  { header: "Devices opted out", value: (row) => row.optedOut },
  { header: "Tokens invalidated", value: (row) => row.invalidated },
];

const tokenCsv: CsvColumn<TokenRow>[] = [
  { header: "Platform", value: (row) => platformLabels[row.platform] },
  { header: "Active", value: (row) => row.active },
  { header: "Unsubscribed", value: (row) => row.unsubscribed },
  { header: "Invalid", value: (row) => row.invalid },
  { header: "Total", value: (row) => row.total },
  { header: "Active share (%)", value: (row) => row.activeShare },
];

export function AudienceOverTimeCard({ stats }: { stats: AudienceStats }) {
  const isEmpty = stats.series.every((row) => row.subscribers === 0 && row.activeDevices === 0);
  return (
    <Card>
      <CardHeader
        title="Subscribers and active devices"
        description={
          stats.filters.platform
            ? `Active ${platformLabels[stats.filters.platform]} devices; subscribers are counted across platforms.`
            : "At the end of each period."
        }
        actions={
          <ExportCsvButton
            filename={csvName("audience", stats.range)}
            columns={audienceCsv}
            rows={stats.series}
          />
        }
      />
      <CardBody>
        {isEmpty ? (
          <EmptyState
            title="No subscribers yet"
            description="Devices appear here as they register."
          />
        ) : (
          <TimeSeriesChart
            label="Subscribers and active devices over time"
            rows={stats.series}
            granularity={stats.range.granularity}
            timezone={stats.range.timezone}
            format="count"
            series={[
              {
                key: "subscribers",
                label: "Subscribers",
                color: chartColors.violet,
                value: (row) => row.subscribers,
              },
              {
                key: "activeDevices",
                label: "Active devices",
                color: chartColors.emerald,
                value: (row) => row.activeDevices,
              },
            ]}
          />
        )}
      </CardBody>
    </Card>
  );
}

/** Devices by status and platform now: how many tokens can still be reached. */
export function TokenHealthCard({ stats }: { stats: AudienceStats }) {
  const hasDevices = stats.tokenHealth.some((row) => row.total > 0);
  return (
    <Card>
      <CardHeader
        title="Token health"
        description="Devices by status today. Invalid tokens were rejected by the push service."
        actions={
          <ExportCsvButton
            filename={csvName("token-health")}
            columns={tokenCsv}
            rows={stats.tokenHealth}
          />
        }
      />
      {hasDevices ? (
        <CardBody>
          <BarChart
            label="Devices by status and platform"
            layout="horizontal"
            height={160}
            rows={stats.tokenHealth}
            category={(row) => platformLabels[row.platform]}
            series={[
              {
                key: "active",
                label: "Active",
                color: chartColors.emerald,
                format: "count",
                stackId: "status",
                value: (row) => row.active,
              },
              {
                key: "unsubscribed",
                label: "Unsubscribed",
                color: chartColors.amber,
                format: "count",
                stackId: "status",
                value: (row) => row.unsubscribed,
              },
              {
                key: "invalid",
                label: "Invalid",
                color: chartColors.rose,
                format: "count",
                stackId: "status",
                value: (row) => row.invalid,
              },
            ]}
          />
        </CardBody>
      ) : (
        <EmptyState title="No devices yet" />
      )}
      <Table>
        <thead className="bg-slate-50">
          <tr>
            <Th>Platform</Th>
            <Th className="text-right">Active</Th>
            <Th className="text-right">Unsubscribed</Th>
            <Th className="text-right">Invalid</Th>
            <Th className="text-right">Active share</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {stats.tokenHealth.map((row) => (
            <tr key={row.platform} data-testid={`token-row-${row.platform}`}>
              <Td className="font-medium text-slate-900">{platformLabels[row.platform]}</Td>
              <Td className="text-right tabular-nums">{formatCount(row.active)}</Td>
              <Td className="text-right tabular-nums">{formatCount(row.unsubscribed)}</Td>
              <Td className="text-right tabular-nums">{formatCount(row.invalid)}</Td>
              <Td className="text-right tabular-nums">{formatRate(row.activeShare)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
