"use client";

import Link from "next/link";
import { useState } from "react";
import { QueryError } from "@/components/settings/api-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import {
  categoryLabels,
  formatCount,
  formatMoney,
  formatPerPush,
  formatRate,
} from "@/lib/analytics/format";
import type { CampaignStatsRow } from "@/lib/analytics/schemas";
import type { CsvColumn } from "@/lib/csv/to-csv";
import { csvName, funnelCsvColumns } from "./csv-columns";
import { ExportCsvButton } from "./export-csv-button";
import { StatsFilterBar } from "./stats-filter-bar";
import { useCampaignStatsList } from "./stats-queries";
import { useStatsFilters } from "./use-stats-filters";

const csvColumns: CsvColumn<CampaignStatsRow>[] = [
  { header: "Campaign", value: (row) => row.name },
  { header: "Campaign id", value: (row) => row.campaignId },
  { header: "Category", value: (row) => categoryLabels[row.category] },
  { header: "Status", value: (row) => row.status },
  { header: "Launched at", value: (row) => row.launchedAt },
  ...funnelCsvColumns<CampaignStatsRow>(),
  { header: "Failed", value: (row) => row.failed },
  { header: "Skipped", value: (row) => row.skipped },
];

/** Every campaign that sent in the period, with its funnel; each links to its analytics. */
export function CampaignStatsTable({
  appId,
  segments,
}: {
  appId: string;
  segments: readonly { id: string; name: string }[];
}) {
  const { filters } = useStatsFilters();
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1) ?? null;
  const list = useCampaignStatsList(appId, filters, cursor);
  const rows = list.data?.data ?? [];
  return (
    <div className="space-y-6">
      <StatsFilterBar segments={segments} />
      <Card>
        <CardHeader
          title="Campaigns"
          description="Pushes each campaign sent in the period, and what they achieved (receipts counted with their push)."
          actions={
            <ExportCsvButton
              filename={csvName("campaigns", list.data?.range)}
              columns={csvColumns}
              rows={rows}
            />
          }
        />
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : !list.data ? (
          <LoadingRows rows={5} label="Loading campaigns" />
        ) : rows.length === 0 ? (
          <EmptyState
            title="No campaign sent anything in this period"
            description="Pick a longer period, or another platform or segment."
          />
        ) : (
          <Table>
            <thead className="bg-slate-50">
              <tr>
                <Th>Campaign</Th>
                <Th className="text-right">Sent</Th>
                <Th className="text-right">Delivery rate</Th>
                <Th className="text-right">Open rate</Th>
                <Th className="text-right">Conversion</Th>
                <Th className="text-right">Revenue</Th>
                <Th className="text-right">Revenue / push</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.campaignId} data-testid={`campaign-row-${row.campaignId}`}>
                  <Td>
                    <Link
                      href={`/apps/${appId}/analytics/campaigns/${row.campaignId}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {row.name}
                    </Link>
                    <span className="ml-2">
                      <Badge>{categoryLabels[row.category]}</Badge>
                    </span>
                  </Td>
                  <Td className="text-right tabular-nums">{formatCount(row.sent)}</Td>
                  <Td className="text-right tabular-nums">{formatRate(row.rates.deliveryRate)}</Td>
                  <Td className="text-right tabular-nums">{formatRate(row.rates.openRate)}</Td>
                  <Td className="text-right tabular-nums">
                    {formatRate(row.rates.conversionRate)}
                  </Td>
                  <Td className="text-right tabular-nums">{formatMoney(row.revenue)}</Td>
                  <Td className="text-right tabular-nums">
                    {formatPerPush(row.rates.revenuePerPush)}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {(cursors.length > 0 || list.data?.nextCursor) && (
          <div className="flex justify-end gap-2 border-t border-slate-100 px-5 py-3">
            <Button
              variant="secondary"
              size="sm"
              disabled={cursors.length === 0}
              onClick={() => setCursors((stack) => stack.slice(0, -1))}
            >
              Previous
            </Button>
            <Button
              variant="secondary"
              size="sm"
              disabled={!list.data?.nextCursor}
              onClick={() => {
                const next = list.data?.nextCursor;
                if (next) setCursors((stack) => [...stack, next]);
              }}
            >
              Next
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}
