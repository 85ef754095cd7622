import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { activeEventTriggers } from "@/lib/triggers/record-trigger-events";
import { pooledRunner, writeEvents } from "./event-writer";
import { type EventInput, type IngestEventsInput, isReceiptEventName } from "./schemas";
import {
  type DeliveryClaim,
  deliveryClaimKey,
  type EventToStore,
  needsTwoStatements,
  storeEvents,
  transactionRunner,
  withDedupeKeys,
} from "./store-events";

export interface RecordedEvents {
  accepted: number;
  duplicates: number;
}

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
 * Stores a batch of up to 1,000 events from a server, all or nothing, and
 * answers only after it commits, so an accepted event is never lost. Unknown
 * external ids become subscribers; a delivery id must name a delivery of this
 * app, else the whole batch is refused and nothing is written. Most batches
 * are one statement and one round trip (lib/events/store-events.ts), which
 * small ones may share under load (lib/events/event-writer.ts); one that
 * holds both receipts and conversions takes two, in a transaction.
 */
export async function ingestEvents(
  appId: string,
  input: IngestEventsInput,
): Promise<RecordedEvents> {
  const receivedAt = new Date().toISOString();
  const events = withDedupeKeys(
    input.events.map(
      (event): EventToStore => ({
        externalId: event.externalId,
        subscriberId: null,
        name: event.name,
        properties: event.properties,
        occurredAt: event.occurredAt ?? receivedAt,
        revenue: event.revenue ?? null,
        currency: event.currency ?? null,
        deliveryId: event.deliveryId ? BigInt(event.deliveryId) : null,
        dedupeKey: dedupeKeyOf(event),
      }),
    ),
  );
  // A receipt or a conversion may only name a push sent to its own subscriber.
  const claimOf = (event: EventInput): DeliveryClaim | null =>
    event.deliveryId
      ? { deliveryId: BigInt(event.deliveryId), externalId: event.externalId }
      : null;
  const claims = new Map<string, DeliveryClaim>();
  for (const event of input.events) {
    const claim = claimOf(event);
    if (claim) claims.set(deliveryClaimKey(claim), claim);
  }
  if (!claims.size) {
    const accepted = await writeEvents(appId, events);
    return { accepted, duplicates: input.events.length - accepted };
  }
  const options = {
    triggers: await activeEventTriggers(appId),
    checkDeliveries: [...claims.values()],
  };
  const result = needsTwoStatements(events)
    ? await getDb().$transaction(
        (tx) => storeEvents(transactionRunner(tx), appId, events, options),
        { timeout: 20_000 },
      )
    : await storeEvents(pooledRunner, appId, events, options);
  const known = result.knownDeliveries;
  if (known && known.size < claims.size) {
    const fields = input.events.flatMap((event, index) => {
      const claim = claimOf(event);
      return claim && !known.has(deliveryClaimKey(claim))
        ? [
            {
              field: `events.${index}.deliveryId`,
              message: "no push of this app to this subscriber",
            },
          ]
        : [];
    });
    const [first] = fields;
    throw new AppError("validation_failed", `${first?.field}: ${first?.message}`, { fields });
  }
  return { accepted: result.accepted, duplicates: input.events.length - result.accepted };
}
