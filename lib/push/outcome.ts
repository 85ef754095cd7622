/**
 * What became of one send, as a value: the send job branches on `kind`
 * instead of catching provider errors.
 *
 * - accepted: the push service took it ("sent" in Herald's metrics).
 * - retry-after: transient; wait `retryAfterMs` when the provider said how
 *   long, else back off (see `retryDelayMs`).
 * - token-dead: the device address will never work again; deactivate it
 *   (for APNs, only if it was not re-registered after `unregisteredAt`).
 * - payload-rejected: this message can never be delivered as built; retrying is pointless.
 * - credential-failed: the app's credential is wrong or revoked; every send with it will fail.
 */
export type SendOutcome =
  | { kind: "accepted"; providerMessageId: string | null }
  | { kind: "retry-after"; retryAfterMs: number | null; reason: string; status: number | null }
  | { kind: "token-dead"; reason: string; status: number | null; unregisteredAt: Date | null }
  | { kind: "payload-rejected"; reason: string; status: number | null }
  | { kind: "credential-failed"; reason: string; status: number | null };

export type SendOutcomeKind = SendOutcome["kind"];

export const accepted = (providerMessageId: string | null): SendOutcome => ({
  kind: "accepted",
  providerMessageId,
});

export const retryAfter = (
  reason: string,
  status: number | null,
  retryAfterMs: number | null = null,
): SendOutcome => ({ kind: "retry-after", reason, status, retryAfterMs });

export const tokenDead = (
  reason: string,
  status: number | null,
  unregisteredAt: Date | null = null,
): SendOutcome => ({ kind: "token-dead", reason, status, unregisteredAt });

export const payloadRejected = (reason: string, status: number | null): SendOutcome => ({
  kind: "payload-rejected",
  reason,
  status,
});

export const credentialFailed = (reason: string, status: number | null): SendOutcome => ({
  kind: "credential-failed",
  reason,
  status,
});

/**
 * Whether a token-dead outcome should deactivate a device registered (or
 * re-registered) at `lastRegisteredAt`: APNs says when it learned the token
 * was gone, and a registration after that moment is a live token again.
 */
export function shouldDeactivateDevice(outcome: SendOutcome, lastRegisteredAt: Date): boolean {
  if (outcome.kind !== "token-dead") return false;
  return outcome.unregisteredAt === null || outcome.unregisteredAt >= lastRegisteredAt;
}
