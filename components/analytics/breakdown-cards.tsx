import { BenchmarkBar } from "@/components/charts/benchmark-bar";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import {
  categoryLabels,
  formatCount,
  formatPerPush,
  formatRange,
  formatRate,
  platformLabels,
} from "@/lib/analytics/format";
import type { OverviewStats } from "@/lib/analytics/schemas";
import type { CsvColumn } from "@/lib/csv/to-csv";
import { csvName, funnelCsvColumns } from "./csv-columns";
import { ExportCsvButton } from "./export-csv-button";

type PlatformRow = OverviewStats["byPlatform"][number];
type CategoryRow = OverviewStats["byCategory"][number];

function RateAgainstRange({
  value,
  range,
  what,
}: {
  value: number | null;
  range: { low: number | null; high: number | null };
  what: string;
}) {
  return (
    <div className="flex min-w-40 items-center gap-3">
      <span className="w-16 shrink-0 text-right tabular-nums">{formatRate(value)}</span>
      <div className="flex-1 space-y-1">
        <BenchmarkBar
          value={value}
          low={range.low}
          high={range.high}
          label={`${what} ${formatRate(value)} against a typical ${formatRange(range.low, range.high)}`}
        />
        <p className="text-[11px] text-slate-400">typical {formatRange(range.low, range.high)}</p>
      </div>
    </div>
  );
}

const platformCsv: CsvColumn<PlatformRow>[] = [
  { header: "Platform", value: (row) => platformLabels[row.platform] },
  ...funnelCsvColumns<PlatformRow>(),
  { header: "Permission prompts", value: (row) => row.prompted },
  { header: "Prompts allowed", value: (row) => row.granted },
  { header: "Opt-in rate (%)", value: (row) => row.rates.optInRate },
  {
    header: "Typical opt-in (%)",
    value: (row) => formatRange(row.benchmarks.optInRate.low, row.benchmarks.optInRate.high, ""),
  },
];

export function PlatformBreakdownCard({ stats }: { stats: OverviewStats }) {
  return (
    <Card>
      <CardHeader
        title="By platform"
        description="Delivery and opt-in next to the industry ranges for each platform."
        actions={
          <ExportCsvButton
            filename={csvName("by-platform", stats.range)}
            columns={platformCsv}
            rows={stats.byPlatform}
          />
        }
      />
      <Table>
        <thead className="bg-slate-50">
          <tr>
            <Th>Platform</Th>
            <Th className="text-right">Sent</Th>
            <Th>Delivery rate</Th>
            <Th className="text-right">Open rate</Th>
            <Th className="text-right">Conversion</Th>
            <Th className="text-right">Revenue / push</Th>
            <Th>Opt-in rate</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {stats.byPlatform.map((row) => (
            <tr key={row.platform} data-testid={`platform-row-${row.platform}`}>
              <Td className="font-medium text-slate-900">{platformLabels[row.platform]}</Td>
              <Td className="text-right tabular-nums">{formatCount(row.sent)}</Td>
              <Td>
                <RateAgainstRange
                  value={row.rates.deliveryRate}
                  range={row.benchmarks.deliveryRate}
                  what="Delivery rate"
                />
              </Td>
              <Td className="text-right tabular-nums">{formatRate(row.rates.openRate)}</Td>
              <Td className="text-right tabular-nums">{formatRate(row.rates.conversionRate)}</Td>
              <Td className="text-right tabular-nums">{formatPerPush(row.rates.revenuePerPush)}</Td>
              <Td>
                <RateAgainstRange
                  value={row.rates.optInRate}
                  range={row.benchmarks.optInRate}
                  what="Opt-in rate"
                />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}

const categoryCsv: CsvColumn<CategoryRow>[] = [
  { header: "Category", value: (row) => categoryLabels[row.category] },
  ...funnelCsvColumns<CategoryRow>(),
  {
    header: "Typical open rate (%)",
    value: (row) => formatRange(row.benchmarks.openRate.low, row.benchmarks.openRate.high, ""),
  },
];

export function CategoryBreakdownCard({ stats }: { stats: OverviewStats }) {
  return (
    <Card>
      <CardHeader
        title="By campaign category"
        description="Open rates judged against what is typical for each kind of push."
        actions={
          <ExportCsvButton
            filename={csvName("by-category", stats.range)}
            columns={categoryCsv}
            rows={stats.byCategory}
          />
        }
      />
      <Table>
        <thead className="bg-slate-50">
          <tr>
            <Th>Category</Th>
            <Th className="text-right">Sent</Th>
            <Th className="text-right">Delivery rate</Th>
            <Th>Open rate</Th>
            <Th className="text-right">Conversion</Th>
            <Th className="text-right">Revenue / push</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {stats.byCategory.map((row) => (
            <tr key={row.category} data-testid={`category-row-${row.category}`}>
              <Td className="font-medium text-slate-900">{categoryLabels[row.category]}</Td>
              <Td className="text-right tabular-nums">{formatCount(row.sent)}</Td>
              <Td className="text-right tabular-nums">{formatRate(row.rates.deliveryRate)}</Td>
              <Td>
                <RateAgainstRange
                  value={row.rates.openRate}
                  range={row.benchmarks.openRate}
                  what="Open rate"
                />
              </Td>
              <Td className="text-right tabular-nums">{formatRate(row.rates.conversionRate)}</Td>
              <Td className="text-right tabular-nums">{formatPerPush(row.rates.revenuePerPush)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
