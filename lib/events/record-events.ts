import type { Prisma } from "@/lib/db/generated/client";
import { activeEventTriggers } from "@/lib/triggers/record-trigger-events";
import { type SqlRunner, storeEvents, withDedupeKeys } from "./store-events";

type Tx = Pick<Prisma.TransactionClient, "$queryRawUnsafe" | "campaign">;

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
   * keyless conversions); a second event with a stored key is a duplicate.
   */
  dedupeKey: string | null;
}

export interface RecordedEvents {
  accepted: number;
  duplicates: number;
}

/** Statements run inside the caller's Prisma transaction. */
export function transactionRunner(
  tx: Pick<Prisma.TransactionClient, "$queryRawUnsafe">,
): SqlRunner {
  return (statement, values) =>
    tx.$queryRawUnsafe<Record<string, unknown>[]>(statement.text, ...values);
}

/**
 * Stores events inside the caller's transaction and applies what the new
 * ones mean (lib/events/store-events.ts): receipts stamp their delivery,
 * conversions are credited to the push opened last within the attribution
 * window, triggers fire. Duplicates (a key stored before, or twice in the
 * batch) change nothing.
 */
export async function recordEvents(
  tx: Tx,
  appId: string,
  events: ResolvedEvent[],
): Promise<RecordedEvents> {
  const unique = withDedupeKeys(
    events.map((event) => ({
      ...event,
      externalId: null,
      occurredAt: event.occurredAt.toISOString(),
    })),
  );
  if (!unique.length) return { accepted: 0, duplicates: events.length };
  const triggers = await activeEventTriggers(tx, appId);
  const { accepted } = await storeEvents(transactionRunner(tx), appId, unique, { triggers });
  return { accepted, duplicates: events.length - accepted };
}
