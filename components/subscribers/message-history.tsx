import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import type { MessageDto } from "@/lib/subscribers/profile-schemas";
import { formatMoney, humanizeReason, outcomeDisplay, platformLabels } from "./display";
import { PlatformIcon } from "./platform-icon";
import { TimeAgo } from "./time-ago";

/** The steps a push went through after sending, with how long each took. */
function Timeline({ message }: { message: MessageDto }) {
  const start = message.sentAt ? new Date(message.sentAt).getTime() : null;
  const steps = [
    ["Delivered", message.deliveredAt],
    ["Opened", message.openedAt],
    ["Dismissed", message.dismissedAt],
    ["Converted", message.convertedAt],
  ] as const;
  const reached = steps.filter(([, at]) => at !== null) as [string, string][];
  if (!reached.length) return null;
  return (
    <p className="mt-0.5 text-xs text-slate-500">
      {reached
        .map(([label, at]) => {
          const delay = start === null ? null : Math.max(0, new Date(at).getTime() - start);
          return delay === null ? label : `${label} +${formatDelay(delay)}`;
        })
        .join(" · ")}
    </p>
  );
}

function formatDelay(milliseconds: number): string {
  const seconds = Math.round(milliseconds / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 6) / 10;
  return hours < 48 ? `${hours}h` : `${Math.round(hours / 24)}d`;
}

export function MessageHistory({ appId, messages }: { appId: string; messages: MessageDto[] }) {
  return (
    <Card>
      <CardHeader
        title="Pushes"
        description="The latest pushes sent to this subscriber, and what became of them"
      />
      {messages.length === 0 ? (
        <EmptyState
          title="Nothing sent yet"
          description="Pushes appear here from the moment a campaign or API send picks this subscriber."
        />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Campaign</Th>
              <Th>Device</Th>
              <Th>Outcome</Th>
              <Th>Sent</Th>
              <Th className="text-right">Revenue</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {messages.map((message) => {
              const outcome = outcomeDisplay[message.outcome];
              const when = message.sentAt ?? message.createdAt;
              return (
                <tr key={message.deliveryId}>
                  <Td className="max-w-64">
                    <Link
                      href={`/apps/${appId}/campaigns/${message.campaignId}`}
                      className="block truncate font-medium text-slate-900 hover:text-brand-700"
                    >
                      {message.campaignName}
                    </Link>
                    <p className="text-xs text-slate-500 capitalize">
                      {message.category}
                      {message.variantKey && ` · variant ${message.variantKey}`}
                    </p>
                  </Td>
                  <Td className="whitespace-nowrap text-slate-600">
                    <span className="inline-flex items-center gap-1.5">
                      <PlatformIcon platform={message.platform} />
                      {platformLabels[message.platform]}
                      {message.deviceId === null && (
                        <span className="text-slate-400">(removed)</span>
                      )}
                    </span>
                  </Td>
                  <Td>
                    <span title={message.reason ? humanizeReason(message.reason) : undefined}>
                      <Badge tone={outcome.tone}>{outcome.label}</Badge>
                    </span>
                    {message.reason && (
                      <p className="mt-0.5 text-xs text-slate-500">
                        {humanizeReason(message.reason)}
                      </p>
                    )}
                    <Timeline message={message} />
                  </Td>
                  <Td className="whitespace-nowrap">
                    <TimeAgo iso={when} />
                  </Td>
                  <Td className="text-right whitespace-nowrap tabular-nums">
                    {message.revenue === null ? (
                      <span className="text-slate-400">—</span>
                    ) : (
                      formatMoney(message.revenue, null)
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
