import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client";
import type { EventTrigger } from "@/lib/triggers/record-trigger-events";
import { conversionEventNames, isConversionEvent } from "./conversions";
import { isReceiptEventName, receiptEventNames } from "./schemas";

/** An event to store: its subscriber named by external id (created if new) or already resolved. */
export interface EventToStore {
  /** Resolved to a subscriber of the app, which is created when new. */
  externalId: string | null;
  /** Used as it is when there is no externalId; null for an SDK prompt event of an anonymous visitor. */
  subscriberId: bigint | null;
  name: string;
  properties: Record<string, unknown>;
  /** ISO 8601 with an offset (as the API takes it: PostgreSQL reads it as it is). */
  occurredAt: string;
  revenue: number | null;
  currency: string | null;
  deliveryId: bigint | null;
  /**
   * `e:<client eventId>` or `r:<delivery>:<receipt>` (`c:<uuid>` is given to
   * keyless conversions here); a second event with a stored key is a duplicate.
   */
  dedupeKey: string | null;
  /** The device that reported it (an SDK receipt): marked seen, at most once a minute. */
  deviceId?: bigint | null;
}

export interface StoreOptions {
  /** The app's active event triggers: a fresh event that matches one records a firing. */
  triggers: readonly EventTrigger[];
  /**
   * Distinct pushes the events name, each with the subscriber naming it: every
   * one must be a delivery of this app to that subscriber, else nothing is
   * written and `knownDeliveries` says which are (see deliveryClaimKey).
   */
  checkDeliveries?: readonly DeliveryClaim[];
  /** Answer the keys of the events stored (to tell several requests' shares apart). */
  returnKeys?: boolean;
}

export interface DeliveryClaim {
  deliveryId: bigint;
  externalId: string;
}

export const deliveryClaimKey = ({ deliveryId, externalId }: DeliveryClaim) =>
  JSON.stringify([deliveryId.toString(), externalId]);

export interface StoreResult {
  accepted: number;
  /** Set when checkDeliveries was given: the claims that hold, by deliveryClaimKey. */
  knownDeliveries: Set<string> | null;
  /** Set when returnKeys was asked: the dedupe keys of the events stored. */
  storedKeys: Set<string> | null;
}

export interface Statement {
  /** For a prepared statement: the same name always comes with the same text. */
  name: string;
  text: string;
}

type ParameterName =
  | "appId"
  | "events"
  | "distinctExternalIds"
  | "checkDeliveryIds"
  | "checkExternalIds"
  | "triggerCampaignIds"
  | "triggerEvents"
  | "triggerDelayMinutes"
  | "triggerOncePerHours";

interface BuiltStatement extends Statement {
  /** The value of $1, $2, … in order: PostgreSQL refuses a parameter the text does not use. */
  parameters: ParameterName[];
}

/** Runs one statement (on a pooled connection, or inside the caller's transaction). */
export type SqlRunner = (
  statement: Statement,
  values: unknown[],
) => Promise<Record<string, unknown>[]>;

/** Statements run inside the caller's Prisma transaction. */
export function transactionRunner(
  tx: Pick<Prisma.TransactionClient, "$queryRawUnsafe">,
): SqlRunner {
  return (statement, values) =>
    tx.$queryRawUnsafe<Record<string, unknown>[]>(statement.text, ...values);
}

/**
 * Keys each event and drops the batch's own repeats: conversions get a key
 * even without a client id, since crediting them needs their rows back.
 */
export function withDedupeKeys(events: EventToStore[]): EventToStore[] {
  const seenKeys = new Set<string>();
  const unique: EventToStore[] = [];
  for (const event of events) {
    const dedupeKey =
      event.dedupeKey ?? (isConversionEvent(event.name) ? `c:${randomUUID()}` : null);
    if (dedupeKey !== null) {
      if (seenKeys.has(dedupeKey)) continue;
      seenKeys.add(dedupeKey);
    }
    unique.push(dedupeKey === event.dedupeKey ? event : { ...event, dedupeKey });
  }
  return unique;
}

// Fixed names of our own, inlined as SQL literals.
const sqlList = (names: Iterable<string>) => [...names].map((name) => `'${name}'`).join(", ");
const receiptNamesSql = sqlList(receiptEventNames);
const conversionNamesSql = sqlList(conversionEventNames);

interface StatementShape {
  resolvesExternalIds: boolean;
  namesSubscriberIds: boolean;
  checksDeliveries: boolean;
  stampsReceipts: boolean;
  creditsConversions: boolean;
  firesTriggers: boolean;
  returnsKeys: boolean;
  touchesDevices: boolean;
}

const statements = new Map<string, BuiltStatement>();

/**
 * Everything storing a batch means, as one statement (so, on its own, one
 * atomic transaction and one round trip): create the subscribers it names,
 * insert the new events, stamp deliveries with new receipts, credit new
 * conversions to the push opened last within the app's attribution window,
 * record trigger firings, and mark the subscribers seen. Its data-modifying
 * parts share one snapshot, so receipts and conversions of one batch are
 * stored by two statements in one transaction (see storeEvents).
 */
function statementFor(shape: StatementShape): BuiltStatement {
  const id = [
    shape.resolvesExternalIds,
    shape.namesSubscriberIds,
    shape.checksDeliveries,
    shape.stampsReceipts,
    shape.creditsConversions,
    shape.firesTriggers,
    shape.returnsKeys,
    shape.touchesDevices,
  ]
    .map((flag) => (flag ? 1 : 0))
    .join("");
  const cached = statements.get(id);
  if (cached) return cached;
  const parameters: ParameterName[] = [];
  /** `$n::type`, numbered in order of first use. */
  const $ = (name: ParameterName, type = "") => {
    let index = parameters.indexOf(name);
    if (index < 0) index = parameters.push(name) - 1;
    return `$${index + 1}${type}`;
  };
  const app = $("appId");
  // Events have no foreign keys (checked row by row, they were a quarter of
  // a batch's cost): the statement key-share locks the app and every
  // subscriber it names, once, and stores no event of one that is gone.
  // Until it commits, deleting them waits; their delete triggers then see
  // these events (see the migration events_without_foreign_keys).
  const parts: string[] = [
    // The batch travels as one JSON document: one parameter to encode and
    // parse, where an array per column cost more than the insert itself.
    `v AS (
      SELECT * FROM ROWS FROM (
        json_to_recordset(${$("events", "::json")}) AS (x text, s bigint, n text, p jsonb,
          r numeric, c text, o timestamptz, d bigint, k text, dv bigint)
      ) WITH ORDINALITY AS v(external_id, subscriber_id, name, properties, revenue,
                             currency, occurred_at, delivery_id, dedupe_key, device_id, ord)
    )`,
  ];
  parts.push(`app_lock AS (SELECT id FROM apps WHERE id = ${app} FOR KEY SHARE)`);
  // Nothing is written for an app deleted meanwhile, nor for a batch naming a
  // delivery of another app, or of another subscriber than the event's.
  const allowed = shape.checksDeliveries
    ? "EXISTS (SELECT 1 FROM app_lock) AND (SELECT ok FROM allowed)"
    : "EXISTS (SELECT 1 FROM app_lock)";
  if (shape.checksDeliveries) {
    parts.push(
      `claimed AS (
        SELECT * FROM unnest(${$("checkDeliveryIds", "::bigint[]")}, ${$("checkExternalIds", "::text[]")})
          AS c(delivery_id, external_id)
      )`,
      // By primary key, then by app: given both at once a plan may walk the app's deliveries.
      `named AS MATERIALIZED (
        SELECT d.id, d."appId", s."externalId" AS external_id
        FROM deliveries d LEFT JOIN subscribers s ON s.id = d."subscriberId"
        WHERE d.id = ANY(ARRAY(SELECT delivery_id FROM claimed))
      )`,
      `known AS (
        SELECT c.delivery_id, c.external_id FROM claimed c
        JOIN named n ON n.id = c.delivery_id AND n."appId" = ${app} AND n.external_id = c.external_id
      )`,
      `allowed AS (SELECT count(*) = (SELECT count(*) FROM claimed) AS ok FROM known)`,
    );
  }
  if (shape.namesSubscriberIds) {
    parts.push(
      `named_subscribers AS (
        SELECT id FROM subscribers
        WHERE id = ANY(ARRAY(SELECT DISTINCT subscriber_id FROM v WHERE subscriber_id IS NOT NULL))
        FOR KEY SHARE
      )`,
    );
  }
  if (shape.resolvesExternalIds) {
    // Distinct and sorted, so concurrent batches create subscribers in one order.
    const wanted = $("distinctExternalIds", "::text[]");
    parts.push(
      `existing AS (
        SELECT id, "externalId" AS external_id FROM subscribers
        WHERE "appId" = ${app} AND "externalId" = ANY(${wanted})
        FOR KEY SHARE
      )`,
      // A subscriber another request created after this statement's snapshot
      // conflicts: the no-op update hands its id back all the same.
      `created AS (
        INSERT INTO subscribers ("appId", "externalId", "updatedAt")
        SELECT ${app}, w.external_id, now() FROM unnest(${wanted}) AS w(external_id)
        WHERE ${allowed} AND NOT EXISTS (SELECT 1 FROM existing e WHERE e.external_id = w.external_id)
        ORDER BY w.external_id
        ON CONFLICT ("appId", "externalId") DO UPDATE SET "lastSeenAt" = now()
        RETURNING id, "externalId" AS external_id
      )`,
      `resolved AS (SELECT * FROM existing UNION ALL SELECT * FROM created)`,
      `batch AS (
        SELECT v.*, COALESCE(v.subscriber_id, r.id) AS sid
        FROM v LEFT JOIN resolved r ON r.external_id = v.external_id
      )`,
    );
  } else {
    parts.push(`batch AS (SELECT v.*, v.subscriber_id AS sid FROM v)`);
  }
  if (shape.creditsConversions) {
    // The push the subscriber opened last, at most the app's window before the
    // conversion (inclusive at both ends).
    parts.push(
      `attributed AS (
        SELECT c.dedupe_key, opened.id AS delivery_id
        FROM batch c
        CROSS JOIN LATERAL (
          SELECT d.id FROM deliveries d
          WHERE d."appId" = ${app} AND d."subscriberId" = c.sid
            AND d."openedAt" IS NOT NULL AND d."openedAt" <= c.occurred_at
            AND d."openedAt" >= c.occurred_at - make_interval(
              hours => (SELECT "attributionWindowHours" FROM apps WHERE id = ${app}))
          ORDER BY d."openedAt" DESC, d.id DESC
          LIMIT 1
        ) opened
        WHERE c.name IN (${conversionNamesSql}) AND c.sid IS NOT NULL
      )`,
    );
  }
  parts.push(
    `inserted AS (
      INSERT INTO events ("appId", "subscriberId", name, properties, revenue, currency,
                          "occurredAt", "deliveryId", "dedupeKey")
      SELECT ${app}, b.sid, b.name, b.properties, b.revenue, b.currency, b.occurred_at,
             ${shape.creditsConversions ? "COALESCE(b.delivery_id, a.delivery_id)" : "b.delivery_id"},
             b.dedupe_key
      FROM batch b
      ${shape.creditsConversions ? "LEFT JOIN attributed a ON a.dedupe_key = b.dedupe_key" : ""}
      WHERE ${allowed}
        ${shape.namesSubscriberIds ? "AND (b.subscriber_id IS NULL OR b.subscriber_id IN (SELECT id FROM named_subscribers))" : ""}
      ORDER BY b.ord
      ON CONFLICT ("appId", "dedupeKey") WHERE "dedupeKey" IS NOT NULL DO NOTHING
      RETURNING id, "subscriberId", name, "occurredAt", "deliveryId", "dedupeKey", revenue
    )`,
  );
  if (shape.stampsReceipts) {
    // Each stamp is set once (the earliest receipt of its kind in the batch,
    // unless one is stored already); an open or a dismissal also proves
    // delivery. Rows are locked in id order so concurrent batches cannot deadlock.
    parts.push(
      `stamps AS (
        SELECT "deliveryId" AS id,
               min("occurredAt") AS delivered_at,
               min("occurredAt") FILTER (WHERE name IN ('opened', 'action_clicked')) AS opened_at,
               min("occurredAt") FILTER (WHERE name = 'dismissed') AS dismissed_at
        FROM inserted
        WHERE name IN (${receiptNamesSql}) AND "deliveryId" IS NOT NULL
        GROUP BY "deliveryId"
      )`,
      `locked AS (
        SELECT id, "appId" FROM deliveries
        WHERE id = ANY(ARRAY(SELECT id FROM stamps))
        ORDER BY id FOR UPDATE
      )`,
      `stamped AS (
        UPDATE deliveries d SET
          "deliveredAt" = COALESCE(d."deliveredAt", s.delivered_at),
          "openedAt" = COALESCE(d."openedAt", s.opened_at),
          "dismissedAt" = COALESCE(d."dismissedAt", s.dismissed_at),
          "updatedAt" = now()
        FROM locked, stamps s
        WHERE d.id = locked.id AND d.id = s.id AND locked."appId" = ${app}
        RETURNING d.id
      )`,
    );
  }
  if (shape.creditsConversions) {
    parts.push(
      `credited AS (
        UPDATE deliveries d SET
          "convertedAt" = COALESCE(d."convertedAt", t.first_at),
          revenue = CASE WHEN t.revenue IS NULL THEN d.revenue
                         ELSE COALESCE(d.revenue, 0) + t.revenue END,
          "updatedAt" = now()
        FROM (
          SELECT a.delivery_id, min(i."occurredAt") AS first_at, sum(i.revenue) AS revenue
          FROM inserted i JOIN attributed a ON a.dedupe_key = i."dedupeKey"
          GROUP BY a.delivery_id
        ) t
        WHERE d.id = t.delivery_id
        RETURNING d.id
      )`,
    );
  }
  if (shape.firesTriggers) {
    // At most one firing per campaign and subscriber per oncePerHours (a
    // burst of the same event counts once, the earliest).
    parts.push(
      `fired AS (
        INSERT INTO trigger_fires ("appId", "campaignId", "subscriberId", "firedAt", "dueAt",
                                   status, "createdAt", "updatedAt")
        SELECT DISTINCT ON (t.campaign_id, i."subscriberId")
               ${app}, t.campaign_id, i."subscriberId", i."occurredAt",
               i."occurredAt" + make_interval(mins => t.delay_minutes), 'pending', now(), now()
        FROM inserted i
        JOIN unnest(${$("triggerCampaignIds", "::text[]")}, ${$("triggerEvents", "::text[]")},
                    ${$("triggerDelayMinutes", "::int[]")}, ${$("triggerOncePerHours", "::int[]")})
          AS t(campaign_id, event, delay_minutes, once_per_hours) ON t.event = i.name
        WHERE i."subscriberId" IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM trigger_fires f
          WHERE f."campaignId" = t.campaign_id AND f."subscriberId" = i."subscriberId"
            AND (f.status = 'pending'
                 OR f."firedAt" > i."occurredAt" - make_interval(hours => t.once_per_hours))
        )
        ORDER BY t.campaign_id, i."subscriberId", i."occurredAt"
        RETURNING id
      )`,
    );
  }
  // Seen now, at most once a minute per subscriber; rows another request is
  // touching are skipped (it sets the same value), so a hot subscriber never
  // turns ingestion into lock waits.
  parts.push(
    `touched AS (
      UPDATE subscribers SET "lastSeenAt" = now()
      WHERE id IN (
        SELECT id FROM subscribers
        -- An array, so the primary key finds them whatever the plan thinks of the batch's size.
        WHERE id = ANY(ARRAY(SELECT DISTINCT "subscriberId" FROM inserted WHERE "subscriberId" IS NOT NULL))
          AND "lastSeenAt" < now() - interval '1 minute'
        ORDER BY id
        FOR NO KEY UPDATE SKIP LOCKED
      )
      RETURNING id
    )`,
  );
  if (shape.touchesDevices) {
    // The same for the devices that reported (SDK receipts), whether or not
    // their event was new: the device was there.
    parts.push(
      `touched_devices AS (
        UPDATE devices SET "lastSeenAt" = now()
        WHERE id IN (
          SELECT id FROM devices
          WHERE id = ANY(ARRAY(SELECT DISTINCT device_id FROM v WHERE device_id IS NOT NULL))
            AND "lastSeenAt" < now() - interval '1 minute'
          ORDER BY id
          FOR NO KEY UPDATE SKIP LOCKED
        )
        RETURNING id
      )`,
    );
  }
  const text = `WITH ${parts.join(",\n")}
    SELECT (SELECT count(*) FROM inserted)::int AS accepted,
           ${shape.checksDeliveries ? "(SELECT COALESCE(json_agg(json_build_array(delivery_id::text, external_id)), '[]') FROM known)" : "NULL"} AS known,
           ${shape.returnsKeys ? `(SELECT COALESCE(json_agg("dedupeKey"), '[]') FROM inserted WHERE "dedupeKey" IS NOT NULL)` : "NULL"} AS keys`;
  const statement = { name: `herald_store_events_${id}`, text, parameters };
  statements.set(id, statement);
  return statement;
}

function parameterValues(
  statement: BuiltStatement,
  appId: string,
  events: EventToStore[],
  options: StoreOptions,
): unknown[] {
  const values: Record<ParameterName, () => unknown> = {
    appId: () => appId,
    events: () =>
      JSON.stringify(
        // A field left out reads as null, and parsing a batch is a tenth of storing it.
        events.map((event) => {
          const row: Record<string, unknown> = {
            n: event.name,
            p: event.properties,
            o: event.occurredAt,
          };
          if (event.externalId !== null) row.x = event.externalId;
          else if (event.subscriberId !== null) row.s = event.subscriberId.toString();
          if (event.revenue !== null) row.r = event.revenue;
          if (event.currency !== null) row.c = event.currency;
          if (event.deliveryId !== null) row.d = event.deliveryId.toString();
          if (event.dedupeKey !== null) row.k = event.dedupeKey;
          if (event.deviceId != null) row.dv = event.deviceId.toString();
          return row;
        }),
      ),
    distinctExternalIds: () =>
      [
        ...new Set(
          events.flatMap((event) => (event.externalId === null ? [] : [event.externalId])),
        ),
      ].sort(),
    checkDeliveryIds: () =>
      (options.checkDeliveries ?? []).map((claim) => String(claim.deliveryId)),
    checkExternalIds: () => (options.checkDeliveries ?? []).map((claim) => claim.externalId),
    triggerCampaignIds: () => options.triggers.map((trigger) => trigger.campaignId),
    triggerEvents: () => options.triggers.map((trigger) => trigger.event),
    triggerDelayMinutes: () => options.triggers.map((trigger) => trigger.delayMinutes),
    triggerOncePerHours: () => options.triggers.map((trigger) => trigger.oncePerHours),
  };
  return statement.parameters.map((name) => values[name]());
}

function stampsDelivery(event: EventToStore): boolean {
  return isReceiptEventName(event.name) && event.deliveryId !== null;
}

/**
 * Whether storing these takes two statements (so a transaction): a
 * conversion must see the opens the same batch stamps, which the parts of one
 * statement cannot.
 */
export function needsTwoStatements(events: EventToStore[]): boolean {
  return events.some(stampsDelivery) && events.some((event) => isConversionEvent(event.name));
}

/**
 * Stores keyed, batch-deduplicated events (see withDedupeKeys): one
 * statement, or two when needsTwoStatements says so, which the caller then
 * runs inside a transaction (receipts first, so conversions see their opens).
 */
export async function storeEvents(
  run: SqlRunner,
  appId: string,
  events: EventToStore[],
  options: StoreOptions,
): Promise<StoreResult> {
  if (!needsTwoStatements(events)) return storeEventsStatement(run, appId, events, options);
  const receipts = events.filter(stampsDelivery);
  const first = await storeEventsStatement(run, appId, receipts, options);
  if (
    first.knownDeliveries &&
    first.knownDeliveries.size < (options.checkDeliveries ?? []).length
  ) {
    return first; // refused: nothing was written
  }
  const rest = events.filter((event) => !stampsDelivery(event));
  const second = await storeEventsStatement(run, appId, rest, {
    triggers: options.triggers,
    ...(options.returnKeys ? { returnKeys: true } : {}),
  });
  return {
    accepted: first.accepted + second.accepted,
    knownDeliveries: first.knownDeliveries,
    storedKeys:
      first.storedKeys && second.storedKeys
        ? new Set([...first.storedKeys, ...second.storedKeys])
        : null,
  };
}

async function storeEventsStatement(
  run: SqlRunner,
  appId: string,
  events: EventToStore[],
  options: StoreOptions,
): Promise<StoreResult> {
  const names = new Set(events.map((event) => event.name));
  // Only the triggers these events can fire are sent.
  const triggers = options.triggers.filter((trigger) => names.has(trigger.event));
  const shape: StatementShape = {
    resolvesExternalIds: events.some((event) => event.externalId !== null),
    namesSubscriberIds: events.some(
      (event) => event.externalId === null && event.subscriberId !== null,
    ),
    checksDeliveries: options.checkDeliveries !== undefined,
    stampsReceipts: events.some(stampsDelivery),
    creditsConversions: events.some((event) => isConversionEvent(event.name)),
    firesTriggers: triggers.length > 0,
    returnsKeys: options.returnKeys === true,
    touchesDevices: events.some((event) => event.deviceId != null),
  };
  if (shape.stampsReceipts && shape.creditsConversions) {
    throw new Error("Receipts and conversions are stored by separate statements");
  }
  const statement = statementFor(shape);
  const [row] = await run(
    statement,
    parameterValues(statement, appId, events, { ...options, triggers }),
  );
  const known = row?.known as [string, string][] | null | undefined;
  const keys = row?.keys as string[] | null | undefined;
  return {
    accepted: Number(row?.accepted ?? 0),
    knownDeliveries: known ? new Set(known.map((pair) => JSON.stringify(pair))) : null,
    storedKeys: keys ? new Set(keys) : null,
  };
}
