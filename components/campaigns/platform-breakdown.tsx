import { Card, CardHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { CampaignStatsDto } from "./campaign-api";
import { formatCount, formatPercent } from "./format";

const platformNames = { ios: "iOS", android: "Android", web: "Web" } as const;

export function PlatformBreakdown({ stats }: { stats: CampaignStatsDto }) {
  if (stats.byPlatform.length === 0) return null;
  return (
    <Card>
      <CardHeader title="By platform" />
      <Table>
        <thead>
          <tr>
            <Th>Platform</Th>
            <Th className="text-right">Sent</Th>
            <Th className="text-right">Delivered</Th>
            <Th className="text-right">Opened</Th>
            <Th className="text-right">Open rate</Th>
            <Th className="text-right">Converted</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {stats.byPlatform.map((row) => (
            <tr key={row.platform}>
              <Td className="font-medium text-slate-900">{platformNames[row.platform]}</Td>
              <Td className="text-right tabular-nums">{formatCount(row.sent)}</Td>
              <Td className="text-right tabular-nums">{formatCount(row.delivered)}</Td>
              <Td className="text-right tabular-nums">{formatCount(row.opened)}</Td>
              <Td className="text-right tabular-nums">{formatPercent(row.rates.openRate)}</Td>
              <Td className="text-right tabular-nums">{formatCount(row.converted)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
