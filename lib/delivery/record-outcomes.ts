import { getDb } from "@/lib/db/client";
import type { DeliveryStatus, Platform } from "@/lib/db/generated/enums";

/** The row update one send produced. */
export interface DeliveryResult {
  id: bigint;
  status: Extract<DeliveryStatus, "sent" | "failed" | "pending" | "expired" | "skipped">;
  reason: string | null;
  errorMessage: string | null;
  /** For `pending` rows: when to try again. */
  nextAttemptAt: Date | null;
  /** Give the attempt back (the send never happened, e.g. a paused platform). */
  refundAttempt?: boolean;
}

/**
 * Writes a batch's results in one statement. Only rows this job still holds
 * are touched: if a lease ran out and another job took a row, its result wins.
 */
export async function recordResults(claimToken: string, results: DeliveryResult[]): Promise<void> {
  if (!results.length) return;
  await getDb().$executeRaw`
    UPDATE deliveries d SET
      status = v.status::"DeliveryStatus",
      reason = v.reason,
      "errorMessage" = v.error_message,
      "nextAttemptAt" = v.next_attempt_at,
      "sentAt" = CASE WHEN v.status = 'sent' THEN now() ELSE d."sentAt" END,
      attempts = CASE WHEN v.refund THEN greatest(d.attempts - 1, 0) ELSE d.attempts END,
      "claimToken" = NULL,
      "updatedAt" = now()
    FROM unnest(
      ${results.map((result) => result.id.toString())}::bigint[],
      ${results.map((result) => result.status)}::text[],
      ${results.map((result) => result.reason)}::text[],
      ${results.map((result) => result.errorMessage)}::text[],
      ${results.map((result) => result.nextAttemptAt?.toISOString() ?? null)}::timestamptz[],
      ${results.map((result) => result.refundAttempt === true)}::boolean[]
    ) AS v(id, status, reason, error_message, next_attempt_at, refund)
    WHERE d.id = v.id AND d."claimToken" = ${claimToken} AND d.status = 'queued'`;
}

/**
 * Deactivates dead tokens, unless the device re-registered after the
 * provider learned the token was gone (APNs 410 timestamp).
 */
export async function deactivateDevices(
  dead: { deviceId: bigint; unregisteredAt: Date | null; reason: string }[],
): Promise<void> {
  if (!dead.length) return;
  await getDb().$executeRaw`
    UPDATE devices d SET status = 'invalid', "invalidatedAt" = now(), "invalidReason" = v.reason,
                         "updatedAt" = now()
    FROM unnest(
      ${dead.map((entry) => entry.deviceId.toString())}::bigint[],
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
