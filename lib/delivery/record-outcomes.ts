import { getDb, getPool } from "@/lib/db/client";
import type { DeliveryStatus, Platform } from "@/lib/db/generated/enums";

/** The row update one send produced. */
export interface DeliveryResult {
  /** The delivery id (a bigint, in decimal). */
  id: string;
  status: Extract<DeliveryStatus, "sent" | "failed" | "pending" | "expired" | "skipped">;
  reason: string | null;
  errorMessage: string | null;
  /** For `pending` rows: when to try again. */
  nextAttemptAt: Date | null;
  /** Give the attempt back (the send never happened, e.g. a paused platform). */
  refundAttempt?: boolean;
}

// Prepared once per connection on the shared pg pool: the hot write of the send path.
const recordStatement = {
  name: "herald_record_delivery_results_v1",
  text: `
    UPDATE deliveries d SET
      status = v.status::"DeliveryStatus",
      reason = v.reason,
      "errorMessage" = v.error_message,
      "nextAttemptAt" = v.next_attempt_at,
      "sentAt" = CASE WHEN v.status = 'sent' THEN now() ELSE d."sentAt" END,
      attempts = CASE WHEN v.refund THEN greatest(d.attempts - 1, 0) ELSE d.attempts END,
      "claimToken" = NULL,
      "updatedAt" = now()
    FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::boolean[])
      AS v(id, status, reason, error_message, next_attempt_at, refund)
    WHERE d.id = v.id AND d."claimToken" = $7 AND d.status = 'queued'
    RETURNING d.id::text AS id`,
};

/**
 * Writes a batch's results in one statement. Only rows this run still holds
 * are touched: if another run took a row (a lease ran out, or this run
 * stalled and its job was re-run), that run's result wins. Answers the ids
 * of the rows written.
 */
export async function recordResults(
  claimToken: string,
  results: DeliveryResult[],
): Promise<string[]> {
  if (!results.length) return [];
  const ids: string[] = [];
  const statuses: string[] = [];
  const reasons: (string | null)[] = [];
  const messages: (string | null)[] = [];
  const nextAttempts: (string | null)[] = [];
  const refunds: boolean[] = [];
  for (const result of results) {
    ids.push(result.id);
    statuses.push(result.status);
    reasons.push(result.reason);
    messages.push(result.errorMessage);
    nextAttempts.push(result.nextAttemptAt?.toISOString() ?? null);
    refunds.push(result.refundAttempt === true);
  }
  const { rows } = await getPool().query<{ id: string }>({
    ...recordStatement,
    values: [ids, statuses, reasons, messages, nextAttempts, refunds, claimToken],
  });
  return rows.map((row) => row.id);
}

/**
 * Gives back the rows of a send job's range that a failed run still holds:
 * pending again, the attempt not counted. Results it had not written are
 * lost with it, as in a crash: those rows go out again.
 */
export async function releaseClaims(
  range: { campaignId: string; fromId: bigint; toId: bigint },
  claimToken: string,
): Promise<number> {
  return getDb().$executeRaw`
    UPDATE deliveries SET status = 'pending', "claimToken" = NULL,
           attempts = greatest(attempts - 1, 0), "updatedAt" = now()
    WHERE "campaignId" = ${range.campaignId} AND id BETWEEN ${range.fromId} AND ${range.toId}
      AND status = 'queued' AND "claimToken" = ${claimToken}`;
}

/**
 * Of rows a run held but could not write its results to: whether another
 * run took any of them (it holds or already handled them). Erasing a
 * subscriber cancels its rows mid-batch too, which is not a take-over.
 */
export async function isAnyTakenOver(ids: string[]): Promise<boolean> {
  if (!ids.length) return false;
  const rows = await getDb().$queryRaw<unknown[]>`
    SELECT 1 FROM deliveries
    WHERE id = ANY(${ids}::bigint[]) AND status <> 'canceled'
    LIMIT 1`;
  return rows.length > 0;
}

/**
 * Deactivates dead tokens, unless the device re-registered after the
 * provider learned the token was gone (APNs 410 timestamp).
 */
export async function deactivateDevices(
  dead: { deviceId: string; unregisteredAt: Date | null; reason: string }[],
): Promise<void> {
  if (!dead.length) return;
  await getDb().$executeRaw`
    UPDATE devices d SET status = 'invalid', "invalidatedAt" = now(), "invalidReason" = v.reason,
                         "updatedAt" = now()
    FROM unnest(
      ${dead.map((entry) => entry.deviceId)}::bigint[],
      ${dead.map((entry) => entry.unregisteredAt?.toISOString() ?? null)}::timestamptz[],
      ${dead.map((entry) => entry.reason)}::text[]
    ) AS v(id, unregistered_at, reason)
    WHERE d.id = v.id AND d.status = 'active'
      AND (v.unregistered_at IS NULL OR d."lastRegisteredAt" <= v.unregistered_at)`;
}

/**
 * A credential the provider refuses pauses that app's sends on that
 * platform until someone uploads a working one; no token is touched.
 */
export async function markCredentialFailing(
  appId: string,
  platform: Platform,
  reason: string,
): Promise<void> {
  await getDb().pushCredential.updateMany({
    where: { appId, platform, status: "ok" },
    data: { status: "failing", failureReason: reason.slice(0, 500), failedAt: new Date() },
  });
}
