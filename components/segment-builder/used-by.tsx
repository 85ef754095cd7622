import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import type { CampaignStatus } from "@/lib/db/generated/enums";
import type { SegmentUsageDto } from "@/lib/segments/segment-dto";

const statusTones: Record<CampaignStatus, BadgeTone> = {
  draft: "gray",
  scheduled: "blue",
  sending: "green",
  paused: "yellow",
  completed: "gray",
  canceled: "gray",
  failed: "red",
};

/** Campaigns that send to this segment and segments built on it: what a change or a delete affects. */
export function UsedBy({ appId, usage }: { appId: string; usage: SegmentUsageDto }) {
  const isUnused = !usage.campaigns.length && !usage.segments.length;
  return (
    <Card>
      <CardHeader
        title="Used by"
        description={
          isUnused ? "No campaign or segment uses it yet." : "Changes apply to their next launch."
        }
      />
      {!isUnused && (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="segment-used-by">
          {usage.campaigns.map((campaign) => (
            <li key={campaign.id} className="flex items-center justify-between gap-3 px-5 py-2.5">
              <Link
                href={`/apps/${appId}/campaigns/${campaign.id}`}
                className="truncate font-medium text-slate-800 hover:text-brand-700 hover:underline"
              >
                {campaign.name}
              </Link>
              <Badge tone={statusTones[campaign.status]}>{campaign.status}</Badge>
            </li>
          ))}
          {usage.segments.map((other) => (
            <li key={other.id} className="flex items-center justify-between gap-3 px-5 py-2.5">
              <Link
                href={`/apps/${appId}/segments/${other.id}`}
                className="truncate font-medium text-slate-800 hover:text-brand-700 hover:underline"
              >
                {other.name}
              </Link>
              <Badge tone="blue">segment</Badge>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
