import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { EventDto } from "@/lib/events/schemas";
import { formatMoney } from "./display";
import { TimeAgo } from "./time-ago";

const receiptNames = new Set(["delivered", "opened", "dismissed", "action_clicked"]);

function PropertySummary({ properties }: { properties: Record<string, unknown> }) {
  const entries = Object.entries(properties);
  if (!entries.length) return null;
  const inline = entries
    .slice(0, 3)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ");
  return (
    <details className="group mt-0.5 text-xs text-slate-500">
      <summary className="cursor-pointer list-none truncate marker:hidden hover:text-slate-700">
        {inline}
        {entries.length > 3 && ` · +${entries.length - 3} more`}
      </summary>
      <pre className="mt-2 overflow-x-auto rounded-md bg-slate-50 px-3 py-2 font-mono text-[11px] leading-relaxed text-slate-700 ring-1 ring-slate-200">
        {JSON.stringify(properties, null, 2)}
      </pre>
    </details>
  );
}

export function EventList({ events }: { events: EventDto[] }) {
  return (
    <Card>
      <CardHeader title="Recent events" description="What this subscriber did, newest first" />
      {events.length === 0 ? (
        <EmptyState title="No events" description="Track them with POST /api/v1/events." />
      ) : (
        <ul className="divide-y divide-slate-100">
          {events.map((event) => (
            <li key={event.id} className="flex items-start justify-between gap-4 px-5 py-3">
              <div className="min-w-0 flex-1">
                <p className="text-sm">
                  <span className="font-mono font-medium text-slate-900">{event.name}</span>
                  {receiptNames.has(event.name) && (
                    <span className="ml-2 text-xs text-slate-500">push receipt</span>
                  )}
                  {event.revenue !== null && (
                    <span className="ml-2 text-sm font-medium text-emerald-700 tabular-nums">
                      {formatMoney(event.revenue, event.currency)}
                    </span>
                  )}
                </p>
                <PropertySummary properties={event.properties} />
              </div>
              <TimeAgo
                iso={event.occurredAt}
                className="shrink-0 text-xs whitespace-nowrap text-slate-500"
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
