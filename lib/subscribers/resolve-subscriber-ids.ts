import type { Prisma } from "@/lib/db/generated/client";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

/**
 * The subscriber id of each external id, creating the subscribers that are
 * new. Sorted first, so concurrent batches take row locks in the same order
 * and cannot deadlock each other.
 */
export async function resolveSubscriberIds(
  tx: Tx,
  appId: string,
  externalIds: string[],
): Promise<Map<string, bigint>> {
  const wanted = [...new Set(externalIds)].sort();
  const ids = new Map<string, bigint>();
  if (!wanted.length) return ids;
  const created = await tx.$queryRaw<{ id: bigint; externalId: string }[]>`
    INSERT INTO subscribers ("appId", "externalId", "updatedAt")
    SELECT ${appId}, external_id, now() FROM unnest(${wanted}::text[]) AS external_id
    ON CONFLICT ("appId", "externalId") DO NOTHING
    RETURNING id, "externalId"`;
  for (const row of created) ids.set(row.externalId, row.id);
  const existing = wanted.filter((externalId) => !ids.has(externalId));
  if (existing.length) {
    const rows = await tx.$queryRaw<{ id: bigint; externalId: string }[]>`
      SELECT id, "externalId" FROM subscribers
      WHERE "appId" = ${appId} AND "externalId" = ANY(${existing}::text[])`;
    for (const row of rows) ids.set(row.externalId, row.id);
  }
  return ids;
}

/**
 * Marks subscribers as seen now. At most once a minute per subscriber, and
 * rows another request is already touching are skipped (it sets the same
 * value), so a hot subscriber never turns ingestion into lock waits.
 */
export async function touchSubscribers(tx: Tx, subscriberIds: bigint[]): Promise<void> {
  if (!subscriberIds.length) return;
  await tx.$executeRaw`
    UPDATE subscribers SET "lastSeenAt" = now()
    WHERE id IN (
      SELECT id FROM subscribers
      WHERE id = ANY(${subscriberIds.map(String)}::bigint[])
        AND "lastSeenAt" < now() - interval '1 minute'
      ORDER BY id
      FOR UPDATE SKIP LOCKED
    )`;
}
