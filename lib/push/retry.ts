import type { SendOutcome } from "./outcome";

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `now`; null if absent or unreadable. */
export function parseRetryAfter(
  value: string | string[] | null | undefined,
  now = Date.now(),
): number | null {
  const header = Array.isArray(value) ? value[0] : value;
  if (header === undefined || header === null || header.trim() === "") return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

/**
 * Exponential backoff with "equal jitter": half of the exponential step is
 * fixed, half random, so a burst of failures spreads out but no retry comes
 * back immediately. `attempt` counts from 0 (the first retry).
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? 1000;
  const maxMs = options.maxMs ?? 15 * 60 * 1000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** How long to wait before retrying a retry-after outcome: the provider's word first, else backoff. */
export function retryDelayMs(
  outcome: Extract<SendOutcome, { kind: "retry-after" }>,
  attempt: number,
  options: BackoffOptions = {},
): number {
  return outcome.retryAfterMs ?? backoffDelayMs(attempt, options);
}
