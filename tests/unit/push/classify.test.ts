import { describe, expect, it } from "vitest";
import {
  classifyApnsAnswer,
  classifyFcmAnswer,
  classifyFirebaseMessagingError,
  classifyNetworkFailure,
  classifyWebPushAnswer,
} from "@/lib/push/classify";
import { shouldDeactivateDevice } from "@/lib/push/outcome";
import { backoffDelayMs, parseRetryAfter, retryDelayMs } from "@/lib/push/retry";

const fcmError = (
  code: number,
  status: string,
  errorCode?: string,
  extra: Record<string, unknown>[] = [],
  message = "",
) => ({
  error: {
    code,
    message,
    status,
    details: [
      ...(errorCode
        ? [{ "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode }]
        : []),
      ...extra,
    ],
  },
});

describe("web push answers", () => {
  it.each([
    [201, "accepted"],
    [202, "accepted"],
    [404, "token-dead"],
    [410, "token-dead"],
    [413, "payload-rejected"],
    [429, "retry-after"],
    [406, "retry-after"],
    [500, "retry-after"],
    [503, "retry-after"],
    [400, "credential-failed"],
    [401, "credential-failed"],
    [403, "credential-failed"],
    [415, "payload-rejected"],
  ])("%i → %s", (status, kind) => {
    expect(classifyWebPushAnswer({ status }).kind).toBe(kind);
  });

  it("keeps the Retry-After of a 429 in milliseconds", () => {
    expect(classifyWebPushAnswer({ status: 429, retryAfter: "30" })).toEqual({
      kind: "retry-after",
      reason: "http_429",
      status: 429,
      retryAfterMs: 30_000,
    });
  });

  it("leaves retryAfterMs null when the service gives none, for the caller's backoff", () => {
    expect(classifyWebPushAnswer({ status: 503 })).toMatchObject({ retryAfterMs: null });
  });

  it("keeps the message location of an accepted push", () => {
    expect(classifyWebPushAnswer({ status: 201, location: "/m/1" })).toEqual({
      kind: "accepted",
      providerMessageId: "/m/1",
    });
  });
});

describe("FCM answers", () => {
  it("accepts with the message name", () => {
    expect(classifyFcmAnswer({ status: 200, body: { name: "projects/p/messages/1" } })).toEqual({
      kind: "accepted",
      providerMessageId: "projects/p/messages/1",
    });
  });

  it("UNREGISTERED is a dead token", () => {
    const outcome = classifyFcmAnswer({
      status: 404,
      body: fcmError(404, "NOT_FOUND", "UNREGISTERED"),
    });
    expect(outcome).toMatchObject({ kind: "token-dead", reason: "UNREGISTERED", status: 404 });
  });

  it("INVALID_ARGUMENT about the payload rejects the payload, not the token", () => {
    const body = fcmError(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", [
      {
        "@type": "type.googleapis.com/google.rpc.BadRequest",
        fieldViolations: [{ field: "message.android.ttl", description: "Invalid duration" }],
      },
    ]);
    expect(classifyFcmAnswer({ status: 400, body }).kind).toBe("payload-rejected");
  });

  it("INVALID_ARGUMENT on message.token is a dead token", () => {
    const body = fcmError(
      400,
      "INVALID_ARGUMENT",
      "INVALID_ARGUMENT",
      [
        {
          "@type": "type.googleapis.com/google.rpc.BadRequest",
          fieldViolations: [{ field: "message.token", description: "Invalid registration token" }],
        },
      ],
      "The registration token is not a valid FCM registration token",
    );
    expect(classifyFcmAnswer({ status: 400, body }).kind).toBe("token-dead");
  });

  it("branches on details[].errorCode, not the HTTP status", () => {
    // A 400 whose FCM errorCode says UNREGISTERED is still a dead token.
    expect(
      classifyFcmAnswer({ status: 400, body: fcmError(400, "INVALID_ARGUMENT", "UNREGISTERED") })
        .kind,
    ).toBe("token-dead");
  });

  it("QUOTA_EXCEEDED honours Retry-After, else waits a minute", () => {
    const body = fcmError(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED");
    expect(classifyFcmAnswer({ status: 429, body, retryAfter: "12" })).toMatchObject({
      kind: "retry-after",
      retryAfterMs: 12_000,
    });
    expect(classifyFcmAnswer({ status: 429, body })).toMatchObject({
      kind: "retry-after",
      retryAfterMs: 60_000,
    });
  });

  it.each([
    ["UNAVAILABLE", 503, "UNAVAILABLE"],
    ["INTERNAL", 500, "INTERNAL"],
  ])("%s is retried with backoff", (errorCode, status, rpcStatus) => {
    expect(
      classifyFcmAnswer({ status, body: fcmError(status, rpcStatus, errorCode) }),
    ).toMatchObject({
      kind: "retry-after",
      reason: errorCode,
      retryAfterMs: null,
    });
  });

  it.each([
    ["SENDER_ID_MISMATCH", 403, "PERMISSION_DENIED"],
    ["THIRD_PARTY_AUTH_ERROR", 401, "UNAUTHENTICATED"],
  ])("%s blames the credential", (errorCode, status, rpcStatus) => {
    expect(classifyFcmAnswer({ status, body: fcmError(status, rpcStatus, errorCode) }).kind).toBe(
      "credential-failed",
    );
  });

  it("an OAuth failure without an FCM errorCode blames the credential", () => {
    expect(classifyFcmAnswer({ status: 401, body: fcmError(401, "UNAUTHENTICATED") }).kind).toBe(
      "credential-failed",
    );
    expect(classifyFcmAnswer({ status: 403, body: fcmError(403, "PERMISSION_DENIED") }).kind).toBe(
      "credential-failed",
    );
  });

  it("falls back on the HTTP status for a body it cannot read", () => {
    expect(classifyFcmAnswer({ status: 502, body: "<html>" }).kind).toBe("retry-after");
    expect(classifyFcmAnswer({ status: 400 }).kind).toBe("payload-rejected");
  });
});

describe("FCM failures known only by firebase-admin's error code (a sendEach message)", () => {
  it.each([
    ["messaging/registration-token-not-registered", "", "token-dead"],
    ["messaging/invalid-registration-token", "", "token-dead"],
    [
      "messaging/invalid-argument",
      "The registration token is not a valid FCM registration token",
      "token-dead",
    ],
    ["messaging/invalid-argument", "Invalid value at 'message.android.ttl'", "payload-rejected"],
    ["messaging/invalid-payload", "data must only contain string values", "payload-rejected"],
    ["messaging/payload-size-limit-exceeded", "", "payload-rejected"],
    ["messaging/message-rate-exceeded", "", "retry-after"],
    ["messaging/device-message-rate-exceeded", "", "retry-after"],
    ["messaging/server-unavailable", "", "retry-after"],
    ["messaging/internal-error", "", "retry-after"],
    ["messaging/mismatched-credential", "", "credential-failed"],
    ["messaging/third-party-auth-error", "", "credential-failed"],
    ["messaging/authentication-error", "", "credential-failed"],
  ] as const)("%s (%s) is %s", (code, message, kind) => {
    expect(classifyFirebaseMessagingError(code, message)?.kind).toBe(kind);
  });

  it("waits a minute after a quota refusal, as with QUOTA_EXCEEDED answers", () => {
    expect(classifyFirebaseMessagingError("messaging/message-rate-exceeded", "")).toMatchObject({
      retryAfterMs: 60_000,
    });
  });

  it("leaves network and credential errors to the caller", () => {
    expect(classifyFirebaseMessagingError("app/network-timeout", "timeout")).toBeNull();
    expect(classifyFirebaseMessagingError("app/invalid-credential", "refused")).toBeNull();
  });
});

describe("APNs answers", () => {
  it("accepts with the apns-id", () => {
    expect(classifyApnsAnswer({ status: 200, apnsId: "abc" })).toEqual({
      kind: "accepted",
      providerMessageId: "abc",
    });
  });

  it("410 Unregistered is a dead token with Apple's timestamp", () => {
    const outcome = classifyApnsAnswer({
      status: 410,
      reason: "Unregistered",
      timestamp: 1_700_000_000_000,
    });
    expect(outcome).toEqual({
      kind: "token-dead",
      reason: "Unregistered",
      status: 410,
      unregisteredAt: new Date(1_700_000_000_000),
    });
  });

  it("400 BadDeviceToken is a dead token", () => {
    expect(classifyApnsAnswer({ status: 400, reason: "BadDeviceToken" }).kind).toBe("token-dead");
  });

  it.each([
    "InvalidProviderToken",
    "ExpiredProviderToken",
    "MissingProviderToken",
    "BadCertificate",
    "Forbidden",
  ])("403 %s blames the credential", (reason) => {
    expect(classifyApnsAnswer({ status: 403, reason }).kind).toBe("credential-failed");
  });

  it.each(["TopicDisallowed", "BadTopic", "DeviceTokenNotForTopic"])(
    "400 %s blames the credential's bundle id",
    (reason) => {
      expect(classifyApnsAnswer({ status: 400, reason }).kind).toBe("credential-failed");
    },
  );

  it.each(["BadCollapseId", "BadExpirationDate", "BadPriority", "PayloadEmpty", "InvalidPushType"])(
    "400 %s rejects the payload",
    (reason) => {
      expect(classifyApnsAnswer({ status: 400, reason }).kind).toBe("payload-rejected");
    },
  );

  it("413 PayloadTooLarge rejects the payload", () => {
    expect(classifyApnsAnswer({ status: 413, reason: "PayloadTooLarge" }).kind).toBe(
      "payload-rejected",
    );
  });

  it.each([
    [429, "TooManyRequests"],
    [429, "TooManyProviderTokenUpdates"],
    [500, "InternalServerError"],
    [503, "ServiceUnavailable"],
  ])("%i %s is retried", (status, reason) => {
    expect(classifyApnsAnswer({ status, reason })).toMatchObject({
      kind: "retry-after",
      retryAfterMs: null,
    });
  });
});

describe("failures without an answer", () => {
  it("GOAWAY, resets and timeouts are retried", () => {
    expect(
      classifyNetworkFailure("New streams cannot be created after receiving a GOAWAY"),
    ).toEqual({
      kind: "retry-after",
      reason: "New streams cannot be created after receiving a GOAWAY",
      status: null,
      retryAfterMs: null,
    });
  });
});

describe("a dead token against a newer registration", () => {
  const unregisteredAt = new Date("2026-01-01T00:00:00Z");
  const outcome = classifyApnsAnswer({
    status: 410,
    reason: "Unregistered",
    timestamp: unregisteredAt.getTime(),
  });

  it("deactivates a device last registered before APNs dropped the token", () => {
    expect(shouldDeactivateDevice(outcome, new Date("2025-12-31T00:00:00Z"))).toBe(true);
  });

  it("keeps a device that registered again after it", () => {
    expect(shouldDeactivateDevice(outcome, new Date("2026-01-02T00:00:00Z"))).toBe(false);
  });

  it("deactivates on a dead token with no timestamp", () => {
    expect(
      shouldDeactivateDevice(
        classifyApnsAnswer({ status: 400, reason: "BadDeviceToken" }),
        new Date(),
      ),
    ).toBe(true);
  });
});

describe("retry timing", () => {
  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it("backs off exponentially with jitter, capped", () => {
    expect(backoffDelayMs(0, { random: () => 0 })).toBe(500);
    expect(backoffDelayMs(0, { random: () => 1 })).toBe(1000);
    expect(backoffDelayMs(3, { random: () => 0 })).toBe(4000);
    expect(backoffDelayMs(30, { random: () => 1, maxMs: 60_000 })).toBe(60_000);
  });

  it("prefers the provider's Retry-After over backoff", () => {
    expect(
      retryDelayMs({ kind: "retry-after", reason: "x", status: 429, retryAfterMs: 7000 }, 5),
    ).toBe(7000);
    expect(
      retryDelayMs({ kind: "retry-after", reason: "x", status: 503, retryAfterMs: null }, 2, {
        random: () => 0,
      }),
    ).toBe(2000);
  });
});
