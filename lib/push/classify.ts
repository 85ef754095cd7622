import {
  accepted,
  credentialFailed,
  payloadRejected,
  retryAfter,
  type SendOutcome,
  tokenDead,
} from "./outcome";
import { parseRetryAfter } from "./retry";

// Pure mappings from what a push service answered to a SendOutcome, per the
// providers' documentation (see DESIGN.md, "Transport and queue facts").

export interface WebPushAnswer {
  status: number;
  retryAfter?: string | null;
  location?: string | null;
}

export function classifyWebPushAnswer(answer: WebPushAnswer, now = Date.now()): SendOutcome {
  const { status } = answer;
  const reason = `http_${status}`;
  if (status >= 200 && status < 300) return accepted(answer.location ?? null);
  if (status === 404 || status === 410) return tokenDead(reason, status);
  if (status === 413) return payloadRejected(reason, status);
  // 406 is how Edge's push service throttles; 408 is a timeout on their side.
  if (status === 429 || status === 406 || status === 408 || status >= 500) {
    return retryAfter(reason, status, parseRetryAfter(answer.retryAfter, now));
  }
  // A bad VAPID key, JWT or subject: every push with this credential fails alike.
  if (status === 400 || status === 401 || status === 403) return credentialFailed(reason, status);
  return payloadRejected(reason, status);
}

export interface FcmAnswer {
  status: number;
  retryAfter?: string | null;
  /** The parsed JSON body: `{name}` on success, Google's `{error}` otherwise. */
  body?: unknown;
}

interface GoogleErrorBody {
  error?: {
    status?: string;
    message?: string;
    details?: { "@type"?: string; errorCode?: string; fieldViolations?: { field?: string }[] }[];
  };
}

const fcmErrorType = "type.googleapis.com/google.firebase.fcm.v1.FcmError";
// FCM asks to wait at least a minute after QUOTA_EXCEEDED when it gives no Retry-After.
const quotaBackoffMs = 60_000;

/** Branches on `details[].errorCode` (FCM's own code), falling back to the RPC status, then HTTP. */
export function classifyFcmAnswer(answer: FcmAnswer, now = Date.now()): SendOutcome {
  const { status } = answer;
  if (status >= 200 && status < 300) {
    const name = (answer.body as { name?: unknown } | undefined)?.name;
    return accepted(typeof name === "string" ? name : null);
  }
  const error = (answer.body as GoogleErrorBody | undefined)?.error;
  const details = Array.isArray(error?.details) ? error.details : [];
  const errorCode = details.find((detail) => detail["@type"] === fcmErrorType)?.errorCode;
  const code = errorCode ?? error?.status ?? `http_${status}`;
  const waitMs = parseRetryAfter(answer.retryAfter, now);
  switch (code) {
    case "UNREGISTERED":
      return tokenDead(code, status);
    case "INVALID_ARGUMENT": {
      // INVALID_ARGUMENT also means a bad payload; only a violation on the
      // token itself (or FCM's "not a valid registration token") kills the token.
      const onToken = details.some((detail) =>
        (detail.fieldViolations ?? []).some((violation) => violation.field === "message.token"),
      );
      const message = error?.message ?? "";
      return onToken || /registration token/i.test(message)
        ? tokenDead(code, status)
        : payloadRejected(message ? `${code}: ${message}` : code, status);
    }
    case "QUOTA_EXCEEDED":
      return retryAfter(code, status, waitMs ?? quotaBackoffMs);
    case "UNAVAILABLE":
    case "INTERNAL":
    case "RESOURCE_EXHAUSTED":
      return retryAfter(code, status, waitMs);
    // SENDER_ID_MISMATCH could mean a foreign token, but a wrong project
    // uploaded as the credential looks identical and would otherwise
    // deactivate every device of the app.
    case "SENDER_ID_MISMATCH":
    case "THIRD_PARTY_AUTH_ERROR":
    case "UNAUTHENTICATED":
    case "PERMISSION_DENIED":
      return credentialFailed(code, status);
  }
  if (status === 429 || status >= 500) return retryAfter(code, status, waitMs);
  if (status === 401 || status === 403 || status === 404) return credentialFailed(code, status);
  return payloadRejected(code, status);
}

/**
 * An FCM failure from firebase-admin's error code alone, for when the HTTP
 * answer behind it is not at hand (firebase-admin's errors carry neither the
 * status nor the body): its codes map FCM's errorCode one to one
 * (UNREGISTERED → registration-token-not-registered, QUOTA_EXCEEDED →
 * message-rate-exceeded, …). Null for codes that are not an FCM answer.
 */
export function classifyFirebaseMessagingError(code: string, message: string): SendOutcome | null {
  switch (code) {
    case "messaging/registration-token-not-registered":
      return tokenDead("UNREGISTERED", null);
    case "messaging/invalid-registration-token":
      return tokenDead("INVALID_REGISTRATION_TOKEN", null);
    case "messaging/invalid-argument":
      // As with INVALID_ARGUMENT answers: only a token FCM rejects kills it.
      return /registration token/i.test(message)
        ? tokenDead("INVALID_ARGUMENT", null)
        : payloadRejected(`${code}: ${message}`, null);
    case "messaging/message-rate-exceeded":
    case "messaging/device-message-rate-exceeded":
    case "messaging/topics-message-rate-exceeded":
      return retryAfter(code, null, quotaBackoffMs);
    case "messaging/server-unavailable":
    case "messaging/internal-error":
    case "messaging/unknown-error":
      return retryAfter(code, null);
    case "messaging/mismatched-credential":
    case "messaging/third-party-auth-error":
    case "messaging/authentication-error":
      return credentialFailed(code, null);
  }
  // firebase-admin's own checks before any request (invalid-payload, payload-size-limit-exceeded, …).
  if (/^messaging\/(invalid|payload)/.test(code))
    return payloadRejected(`${code}: ${message}`, null);
  return null;
}

export interface ApnsAnswer {
  status: number;
  reason?: string | null;
  /** With 410: when APNs learned the token was no longer valid (ms since epoch). */
  timestamp?: number | string | null;
  apnsId?: string | null;
}

// A bundle id or key that does not fit the app: every device would fail the same way.
const apnsCredentialReasons = new Set([
  "TopicDisallowed",
  "BadTopic",
  "MissingTopic",
  "DeviceTokenNotForTopic",
]);

export function classifyApnsAnswer(answer: ApnsAnswer): SendOutcome {
  const { status } = answer;
  const reason = answer.reason ?? `http_${status}`;
  if (status === 200) return accepted(answer.apnsId ?? null);
  if (status === 410) {
    const timestamp = Number(answer.timestamp);
    return tokenDead(
      reason,
      status,
      Number.isFinite(timestamp) && timestamp > 0 ? new Date(timestamp) : null,
    );
  }
  if (status === 400 && reason === "BadDeviceToken") return tokenDead(reason, status);
  if (status === 403 || apnsCredentialReasons.has(reason)) return credentialFailed(reason, status);
  if (status === 413) return payloadRejected(reason, status);
  // 429 is TooManyRequests (one device) or TooManyProviderTokenUpdates; both pass.
  if (status === 429 || status >= 500) return retryAfter(reason, status);
  return payloadRejected(reason, status);
}

/** A send that got no answer at all (timeout, reset, GOAWAY): always worth retrying. */
export function classifyNetworkFailure(reason: string): SendOutcome {
  return retryAfter(reason, null);
}
