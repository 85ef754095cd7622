import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client";
import { touchSubscribers } from "@/lib/subscribers/resolve-subscriber-ids";
import { recordTriggerEvents } from "@/lib/triggers/record-trigger-events";
import { applyReceipts } from "./apply-receipts";
import { attributeConversions, isConversionEvent } from "./attribute-conversions";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw" | "campaign">;

/** An event ready to store: its subscriber and delivery already resolved within the app. */
export interface ResolvedEvent {
  /** Null only for an SDK prompt event of a visitor with no subscriber yet. */
  subscriberId: bigint | null;
  name: string;
  properties: Record<string, unknown>;
  occurredAt: Date;
  revenue: number | null;
  currency: string | null;
  deliveryId: bigint | null;
  /**
   * `e:<client eventId>` or `r:<delivery>:<receipt>` (`c:<uuid>` is given to
   * keyless conversions here); a second event with a stored key is a duplicate.
   */
  dedupeKey: string | null;
}

export interface RecordedEvents {
  accepted: number;
  duplicates: number;
}

/**
 * Stores a batch of events inside the caller's transaction and applies what
 * the new ones mean: receipts stamp their delivery, conversions are
 * attributed to the push opened last within the attribution window.
 * Duplicates (a key stored before, or twice in the batch) change nothing.
 */
export async function recordEvents(
  tx: Tx,
  appId: string,
  attributionWindowHours: number,
  events: ResolvedEvent[],
): Promise<RecordedEvents> {
  const seenKeys = new Set<string>();
  const unique: ResolvedEvent[] = [];
  for (const event of events) {
    // Conversions get a key even without a client id: attribution needs their row ids back.
    const dedupeKey =
      event.dedupeKey ?? (isConversionEvent(event.name) ? `c:${randomUUID()}` : null);
    if (dedupeKey !== null) {
      if (seenKeys.has(dedupeKey)) continue;
      seenKeys.add(dedupeKey);
    }
    unique.push({ ...event, dedupeKey });
  }
  if (!unique.length) return { accepted: 0, duplicates: events.length };

  // One row back however big the batch: the count, and the ids of the keyed
  // rows (receipts and conversions, which the steps below need).
  const [inserted] = await tx.$queryRaw<{ accepted: number; keyed: [string, string][] }[]>`
    WITH inserted AS (
      INSERT INTO events ("appId", "subscriberId", name, properties, revenue, currency, "occurredAt", "deliveryId", "dedupeKey")
      SELECT ${appId}, v.subscriber_id, v.name, v.properties::jsonb, v.revenue, v.currency,
             v.occurred_at, v.delivery_id, v.dedupe_key
      FROM unnest(
        ${unique.map((event) => event.subscriberId?.toString() ?? null)}::bigint[],
        ${unique.map((event) => event.name)}::text[],
        ${unique.map((event) => JSON.stringify(event.properties))}::text[],
        ${unique.map((event) => event.revenue)}::numeric[],
        ${unique.map((event) => event.currency)}::text[],
        ${unique.map((event) => event.occurredAt.toISOString())}::timestamptz[],
        ${unique.map((event) => event.deliveryId?.toString() ?? null)}::bigint[],
        ${unique.map((event) => event.dedupeKey)}::text[]
      ) AS v(subscriber_id, name, properties, revenue, currency, occurred_at, delivery_id, dedupe_key)
      ON CONFLICT ("appId", "dedupeKey") DO NOTHING
      RETURNING id, "dedupeKey"
    )
    SELECT count(*)::int AS accepted,
           COALESCE(json_agg(json_build_array(id::text, "dedupeKey")) FILTER (WHERE "dedupeKey" IS NOT NULL), '[]') AS keyed
    FROM inserted`;
  const accepted = inserted?.accepted ?? 0;

  // Keyless events are always new; a keyed one is new when its key came back.
  const idByKey = new Map((inserted?.keyed ?? []).map(([id, key]) => [key, BigInt(id)]));
  const fresh = unique.filter((event) => event.dedupeKey === null || idByKey.has(event.dedupeKey));
  const freshKeyed = fresh.flatMap((event) => {
    const id = event.dedupeKey === null ? undefined : idByKey.get(event.dedupeKey);
    return id === undefined ? [] : [{ ...event, id }];
  });

  await applyReceipts(tx, appId, freshKeyed);
  await attributeConversions(tx, appId, attributionWindowHours, freshKeyed);
  await recordTriggerEvents(tx, appId, fresh);
  await touchSubscribers(tx, [
    ...new Set(fresh.flatMap((event) => (event.subscriberId === null ? [] : [event.subscriberId]))),
  ]);
  return { accepted, duplicates: events.length - accepted };
}
