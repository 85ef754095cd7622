import { getDb } from "@/lib/db/client";

/**
 * Deletes idempotency answers kept past their 30 days, a bounded batch per
 * call: the maintenance tick calls it every few seconds, so a backlog drains
 * quickly without one long delete.
 */
export async function purgeExpiredIdempotencyRecords(now = new Date()): Promise<number> {
  return getDb().$executeRaw`
    DELETE FROM idempotency_records
    WHERE id IN (SELECT id FROM idempotency_records WHERE "expiresAt" < ${now} LIMIT 5000)`;
}
