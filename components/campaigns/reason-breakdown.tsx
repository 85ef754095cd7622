import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { CampaignStatsDto } from "./campaign-api";
import { formatCount } from "./format";

const reasonLabels: Record<string, string> = {
  frequency_cap: "Frequency cap reached",
  preference: "Opted out of the topic",
  quiet_hours: "Quiet hours (would arrive after it expires)",
  no_credential: "No push credential for the platform",
  device_gone: "Device unsubscribed or removed meanwhile",
  token_dead: "Device token no longer valid",
  payload_rejected: "Payload refused by the provider",
  credential_failed: "Push credential refused by the provider",
  retries_exhausted: "Gave up after repeated provider errors",
  ttl_expired: "Expired before it could be sent",
  campaign_canceled: "Campaign canceled",
  throttled: "Held back by the throttle",
};

export function describeReason(reason: string): string {
  return reasonLabels[reason] ?? reason.replaceAll("_", " ");
}

function ReasonList({
  title,
  description,
  rows,
  empty,
  testId,
}: {
  title: string;
  description: string;
  rows: { reason: string; count: number }[];
  empty: string;
  testId: string;
}) {
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <Card>
      <CardHeader title={title} description={description} />
      <CardBody>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">{empty}</p>
        ) : (
          <ul className="space-y-2.5" data-testid={testId}>
            {rows.map((row) => (
              <li key={row.reason}>
                <div className="flex justify-between gap-3 text-sm">
                  <span className="text-slate-700" title={row.reason}>
                    {describeReason(row.reason)}
                  </span>
                  <span className="font-medium tabular-nums text-slate-900">
                    {formatCount(row.count)}
                  </span>
                </div>
                <div
                  className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100"
                  aria-hidden="true"
                >
                  <div
                    className="h-full rounded-full bg-slate-400"
                    style={{ width: `${(row.count / total) * 100}%` }}
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}

/** Who did not get it, and why: the skip reasons (caps, preferences, quiet hours) and the failure reasons. */
export function ReasonBreakdown({ stats }: { stats: CampaignStatsDto }) {
  const collect = (statuses: string[]) => {
    const byReason = new Map<string, number>();
    for (const row of stats.byReason) {
      if (!statuses.includes(row.status)) continue;
      byReason.set(row.reason, (byReason.get(row.reason) ?? 0) + row.count);
    }
    return [...byReason.entries()]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count);
  };
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <ReasonList
        title="Skipped"
        description="Not sent on purpose: caps, preferences, timing."
        rows={collect(["skipped", "expired", "canceled"])}
        empty="Nobody was skipped."
        testId="skipped-reasons"
      />
      <ReasonList
        title="Failed"
        description="Sent, and refused by the push service."
        rows={collect(["failed"])}
        empty="No failures."
        testId="failed-reasons"
      />
    </div>
  );
}
