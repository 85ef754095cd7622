import type { Prisma } from "@/lib/db/generated/client";

type Tx = Pick<Prisma.TransactionClient, "$executeRaw">;

/** Events that count as a conversion. Per-app conversion events can extend this later. */
const conversionEventNames: ReadonlySet<string> = new Set(["purchase"]);

export function isConversionEvent(name: string): boolean {
  return conversionEventNames.has(name);
}

/**
 * Credits each new conversion to the push its subscriber opened last, at most
 * `attributionWindowHours` before it (inclusive at both ends): the delivery
 * is marked converted (its first conversion time kept) and the revenue added;
 * the event row is linked to that delivery. A conversion with no such open
 * is stored unattributed.
 */
export async function attributeConversions(
  tx: Tx,
  appId: string,
  attributionWindowHours: number,
  events: {
    id: bigint;
    name: string;
    subscriberId: bigint | null;
    occurredAt: Date;
    revenue: number | null;
  }[],
): Promise<void> {
  const conversions = events.filter(
    (event) => isConversionEvent(event.name) && event.subscriberId !== null,
  );
  if (!conversions.length) return;
  await tx.$executeRaw`
    WITH conversion AS (
      SELECT * FROM unnest(
        ${conversions.map((event) => event.id.toString())}::bigint[],
        ${conversions.map((event) => event.subscriberId?.toString() ?? null)}::bigint[],
        ${conversions.map((event) => event.occurredAt.toISOString())}::timestamptz[],
        ${conversions.map((event) => event.revenue)}::numeric[]
      ) AS c(event_id, subscriber_id, occurred_at, revenue)
    ),
    attributed AS (
      SELECT c.event_id, c.occurred_at, c.revenue, opened.id AS delivery_id
      FROM conversion c
      CROSS JOIN LATERAL (
        SELECT d.id FROM deliveries d
        WHERE d."appId" = ${appId}
          AND d."subscriberId" = c.subscriber_id
          AND d."openedAt" IS NOT NULL
          AND d."openedAt" <= c.occurred_at
          AND d."openedAt" >= c.occurred_at - make_interval(hours => ${attributionWindowHours}::int)
        ORDER BY d."openedAt" DESC, d.id DESC
        LIMIT 1
      ) opened
    ),
    linked AS (
      UPDATE events e SET "deliveryId" = a.delivery_id
      FROM attributed a
      WHERE e.id = a.event_id AND e."deliveryId" IS NULL
    )
    UPDATE deliveries d SET
      "convertedAt" = COALESCE(d."convertedAt", totals.first_at),
      revenue = CASE WHEN totals.revenue IS NULL THEN d.revenue
                     ELSE COALESCE(d.revenue, 0) + totals.revenue END,
      "updatedAt" = now()
    FROM (
      SELECT delivery_id, min(occurred_at) AS first_at, sum(revenue) AS revenue
      FROM attributed GROUP BY delivery_id
    ) totals
    WHERE d.id = totals.delivery_id`;
}
