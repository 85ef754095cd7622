import { formatDateTime, formatRelative } from "@/components/settings/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { AuditEntryDto } from "@/lib/audit/list-audit-log";

const actionLabels: Record<string, string> = {
  "campaign.created": "created the campaign",
  "campaign.updated": "edited the draft",
  "campaign.launched": "launched it",
  "campaign.scheduled": "scheduled it",
  "campaign.paused": "paused it",
  "campaign.resumed": "resumed it",
  "campaign.canceled": "canceled it",
  "campaign.winner_chosen": "chose the A/B winner",
  "campaign.deleted": "deleted it",
};

const fieldNames: Record<string, string> = {
  name: "name",
  category: "category",
  audience: "audience",
  topicId: "topic",
  variants: "message",
  schedule: "schedule",
  ttlSeconds: "expiry",
  throttlePerMinute: "throttle",
  experiment: "A/B test",
};

type FoldedEntry = AuditEntryDto & { times: number; fields: Set<string> };

function changedFields(entry: AuditEntryDto): string[] {
  const fields = (entry.metadata as { fields?: unknown } | null)?.fields;
  return Array.isArray(fields)
    ? fields.filter((field): field is string => typeof field === "string")
    : [];
}

function detailOf(entry: FoldedEntry): string | null {
  const metadata = (entry.metadata ?? {}) as Record<string, unknown>;
  if (entry.action === "campaign.updated" && entry.fields.size > 0) {
    return `Changed ${[...entry.fields].map((field) => fieldNames[field] ?? field).join(", ")}`;
  }
  if (entry.action === "campaign.winner_chosen") {
    const how = metadata.automatic ? "Automatically, as the leader" : "Picked by hand";
    const confidence =
      typeof metadata.confidence === "number"
        ? ` (${Math.round(metadata.confidence * 100)}% confidence)`
        : "";
    return `${how}${confidence}`;
  }
  return null;
}

/**
 * Who did what to this campaign, newest first. Edits are autosaved, so a run
 * of "edited the draft" entries is someone typing; they are folded into one.
 */
export function CampaignAuditTrail({ entries }: { entries: AuditEntryDto[] }) {
  const folded: FoldedEntry[] = [];
  for (const entry of entries) {
    const previous = folded.at(-1);
    if (
      previous &&
      previous.action === "campaign.updated" &&
      entry.action === previous.action &&
      entry.actor === previous.actor
    ) {
      previous.times += 1;
      for (const field of changedFields(entry)) previous.fields.add(field);
      continue;
    }
    folded.push({ ...entry, times: 1, fields: new Set(changedFields(entry)) });
  }
  return (
    <Card>
      <CardHeader title="History" description="Every launch and change, from the audit log." />
      <CardBody>
        {folded.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing recorded yet.</p>
        ) : (
          <ol
            className="relative space-y-4 border-l border-slate-200 pl-5"
            data-testid="campaign-history"
          >
            {folded.map((entry) => (
              <li key={entry.id} className="relative">
                <span
                  aria-hidden="true"
                  className="absolute top-1.5 -left-[1.4rem] size-2 rounded-full bg-slate-300 ring-4 ring-white"
                />
                <p className="text-sm text-slate-800">
                  <span className="font-medium">{entry.actor}</span>{" "}
                  {actionLabels[entry.action] ?? entry.action}
                  {entry.times > 1 && (
                    <span className="text-slate-500"> ({entry.times} saves)</span>
                  )}
                </p>
                {detailOf(entry) && <p className="text-xs text-slate-500">{detailOf(entry)}</p>}
                <time
                  dateTime={entry.createdAt}
                  title={formatDateTime(entry.createdAt)}
                  className="text-xs text-slate-400"
                >
                  {formatRelative(entry.createdAt)}
                </time>
              </li>
            ))}
          </ol>
        )}
      </CardBody>
    </Card>
  );
}
