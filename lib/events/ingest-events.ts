import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resolveSubscriberIds } from "@/lib/subscribers/resolve-subscriber-ids";
import { type RecordedEvents, recordEvents } from "./record-events";
import { type EventInput, type IngestEventsInput, isReceiptEventName } from "./schemas";

/** A receipt is stored once per delivery and kind, whatever eventId the client gave it. */
export function receiptDedupeKey(deliveryId: bigint | string, name: string): string {
  return `r:${deliveryId}:${name}`;
}

function dedupeKeyOf(event: EventInput): string | null {
  if (isReceiptEventName(event.name) && event.deliveryId) {
    return receiptDedupeKey(event.deliveryId, event.name);
  }
  return event.eventId ? `e:${event.eventId}` : null;
}

/**
 * Stores a batch of up to 1,000 events from a server, all or nothing: one
 * transaction, answered only after it commits, so an accepted event is never
 * lost. Unknown external ids become subscribers; a delivery id must name a
 * delivery of this app, else the whole batch is refused before any write.
 */
export async function ingestEvents(
  appId: string,
  input: IngestEventsInput,
): Promise<RecordedEvents> {
  const db = getDb();
  const app = await db.app.findUniqueOrThrow({
    where: { id: appId },
    select: { attributionWindowHours: true },
  });
  const deliveryIds = [
    ...new Set(input.events.flatMap((event) => (event.deliveryId ? [event.deliveryId] : []))),
  ];
  if (deliveryIds.length) {
    const found = await db.delivery.findMany({
      where: { appId, id: { in: deliveryIds.map(BigInt) } },
      select: { id: true },
    });
    const known = new Set(found.map((row) => row.id.toString()));
    const fields = input.events.flatMap((event, index) =>
      event.deliveryId && !known.has(event.deliveryId)
        ? [{ field: `events.${index}.deliveryId`, message: "no delivery with this id in this app" }]
        : [],
    );
    const [first] = fields;
    if (first) {
      throw new AppError("validation_failed", `${first.field}: ${first.message}`, { fields });
    }
  }
  const receivedAt = new Date();
  return db.$transaction(
    async (tx) => {
      const subscriberIds = await resolveSubscriberIds(
        tx,
        appId,
        input.events.map((event) => event.externalId),
      );
      return recordEvents(
        tx,
        appId,
        app.attributionWindowHours,
        input.events.map((event) => ({
          subscriberId: subscriberIds.get(event.externalId) ?? null,
          name: event.name,
          properties: event.properties,
          occurredAt: event.occurredAt ? new Date(event.occurredAt) : receivedAt,
          revenue: event.revenue ?? null,
          currency: event.currency ?? null,
          deliveryId: event.deliveryId ? BigInt(event.deliveryId) : null,
          dedupeKey: dedupeKeyOf(event),
        })),
      );
    },
    { timeout: 20_000 },
  );
}
