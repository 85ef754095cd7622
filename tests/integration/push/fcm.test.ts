import { generateKeyPairSync } from "node:crypto";
import { request } from "node:https";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildFcmMessage } from "@/lib/push/build-fcm-message";
import { notificationContentSchema } from "@/lib/push/content";
import { ServiceAccountCredential } from "@/lib/push/fcm-credential";
import { createFcmTransport } from "@/lib/push/fcm-transport";
import { PushAgent } from "@/lib/push/push-agent";
import type { PushTransport } from "@/lib/push/transport";
import {
  fcmSecretOf,
  randomFcmToken,
  startTestGateway,
  type TestGateway,
} from "@/tests/support/gateway";

const timeoutMs = 1500;
const projectId = "herald-test-shop";
let test: TestGateway;
let transport: PushTransport<"android">;

beforeAll(async () => {
  test = await startTestGateway();
  transport = createFcmTransport(fcmSecretOf(test.gateway.mintFcmServiceAccount({ projectId })), {
    gateway: test.target,
    timeoutMs,
  });
});
afterAll(async () => {
  await transport.close();
  await test.stop();
});
beforeEach(() => test.gateway.reset());

const content = notificationContentSchema.parse({
  title: "Flash sale",
  body: "Two hours only",
  imageUrl: "https://cdn.example.com/flash.png",
  url: "https://shop.example.com/flash",
  badge: 2,
  data: { promo: "FLASH2" },
  ttlSeconds: 7200,
  collapseKey: "flash",
  android: { channelId: "promotions", color: "#2255ff" },
});
const payloadFor = (deliveryId: string) =>
  buildFcmMessage(content, { deliveryId, campaignId: "camp-android" });

describe("FCM through firebase-admin into the gateway", () => {
  it("arrives as built, after a real OAuth token exchange with the service account", async () => {
    const payload = payloadFor("301");
    const token = randomFcmToken();
    const outcome = await transport.send({ token }, payload);

    // The bearer token FCM accepted can only come from the gateway's token endpoint.
    expect(outcome).toMatchObject({
      kind: "accepted",
      providerMessageId: expect.stringMatching(new RegExp(`^projects/${projectId}/messages/`)),
    });
    const [message] = test.gateway.messages({ platform: "android", device: token });
    expect(message?.payload).toEqual({
      token,
      notification: {
        title: "Flash sale",
        body: "Two hours only",
        image: "https://cdn.example.com/flash.png",
      },
      data: payload.message.data,
      android: {
        priority: "high",
        ttl: "7200s",
        collapse_key: "flash",
        notification: {
          channel_id: "promotions",
          color: "#2255ff",
          sound: "default",
          tag: "flash",
          notification_count: 2,
        },
      },
    });
    expect(message).toMatchObject({ campaignId: "camp-android", deliveryId: "301" });
  });

  it.each([
    ["UNREGISTERED", "token-dead", 404],
    ["INVALID_ARGUMENT", "payload-rejected", 400],
    ["QUOTA_EXCEEDED", "retry-after", 429],
    ["UNAVAILABLE", "retry-after", 503],
    ["INTERNAL", "retry-after", 500],
    ["SENDER_ID_MISMATCH", "credential-failed", 403],
    ["THIRD_PARTY_AUTH_ERROR", "credential-failed", 401],
  ] as const)("classifies an injected %s as %s", async (errorCode, kind, status) => {
    test.gateway.setFaults({ android: { errors: { [errorCode]: 1 }, retryAfterSeconds: 3 } });
    const started = Date.now();
    const outcome = await transport.send({ token: randomFcmToken() }, payloadFor("302"));
    expect(outcome).toMatchObject({ kind, status });
    if (errorCode === "QUOTA_EXCEEDED" || errorCode === "UNAVAILABLE") {
      expect(outcome).toMatchObject({ retryAfterMs: 3000 });
    }
    // firebase-admin's own 503 retries are off: one request, and no 3 s Retry-After wait inside the send.
    expect(test.gateway.stats("camp-android")).toMatchObject({
      rejected: 1,
      rejectedByReason: { [errorCode]: 1 },
    });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it("finds a token FCM calls no registration token dead", async () => {
    const outcome = await transport.send({ token: "not a token" }, payloadFor("303"));
    expect(outcome).toMatchObject({ kind: "token-dead", reason: "INVALID_ARGUMENT", status: 400 });
  });

  it("finds a permanently dead token unregistered", async () => {
    const token = randomFcmToken();
    test.gateway.addDeadTokens("android", [token]);
    expect(await transport.send({ token }, payloadFor("304"))).toMatchObject({
      kind: "token-dead",
      reason: "UNREGISTERED",
    });
  });

  it("blames the credential when the token endpoint refuses its assertion", async () => {
    const account = test.gateway.mintFcmServiceAccount({ projectId });
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = createFcmTransport(
      {
        ...fcmSecretOf(account),
        privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      },
      { gateway: test.target, timeoutMs },
    );
    try {
      const outcome = await forged.send({ token: randomFcmToken() }, payloadFor("305"));
      expect(outcome).toMatchObject({ kind: "credential-failed" });
      expect(outcome.kind === "credential-failed" && outcome.reason).toMatch(
        /invalid_grant: Invalid JWT Signature/,
      );
      expect(test.gateway.stats().rejected).toBe(0);
    } finally {
      await forged.close();
    }
  });

  it("blames the credential when it may not send for the project", async () => {
    const account = test.gateway.mintFcmServiceAccount({ projectId });
    const elsewhere = createFcmTransport(
      { ...fcmSecretOf(account), projectId: "someone-elses-app" },
      { gateway: test.target, timeoutMs },
    );
    try {
      expect(await elsewhere.send({ token: randomFcmToken() }, payloadFor("306"))).toMatchObject({
        kind: "credential-failed",
        reason: "PERMISSION_DENIED",
        status: 403,
      });
    } finally {
      await elsewhere.close();
    }
  });

  it("refuses an oversize message before any request reaches the gateway", async () => {
    const oversize = notificationContentSchema.parse({
      title: "x",
      data: { blob: "y".repeat(4096) },
    });
    expect(() =>
      buildFcmMessage(oversize, { deliveryId: "307", campaignId: "camp-android" }),
    ).toThrow(/Android \(FCM\) payload is \d+ bytes/);
    const handMade = { message: { data: { blob: "y".repeat(4100) } }, bytes: 4110 };
    expect(await transport.send({ token: randomFcmToken() }, handMade)).toMatchObject({
      kind: "payload-rejected",
      status: null,
    });
    expect(test.gateway.stats()).toMatchObject({ accepted: 0, rejected: 0 });
  });

  it("refuses a message firebase-admin itself finds invalid, without a request", async () => {
    const invalid = { message: { data: { count: 3 as unknown as string } }, bytes: 20 };
    expect(await transport.send({ token: randomFcmToken() }, invalid)).toMatchObject({
      kind: "payload-rejected",
      status: null,
    });
    expect(test.gateway.stats().rejected).toBe(0);
  });

  it("aborts a hung FCM answer at the request timeout", async () => {
    test.gateway.setFaults({ android: { hangRate: 1 } });
    const started = Date.now();
    const outcome = await transport.send({ token: randomFcmToken() }, payloadFor("308"));
    expect(outcome).toMatchObject({ kind: "retry-after", status: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect(Date.now() - started).toBeLessThan(timeoutMs + 1000);
  });
});

describe("FCM sends made together", () => {
  it("go as sendEach() batches over HTTP/2, every message its own request", async () => {
    const tokens = Array.from({ length: 250 }, () => randomFcmToken());
    const outcomes = await Promise.all(
      tokens.map((token, index) => transport.send({ token }, payloadFor(`${400 + index}`))),
    );
    expect(outcomes.every((outcome) => outcome.kind === "accepted")).toBe(true);
    const messages = test.gateway.messages({ platform: "android" });
    expect(messages).toHaveLength(250);
    expect(new Set(messages.map((message) => message.device))).toEqual(new Set(tokens));
    // Not firebase-admin's HTTP/1.1 transport.
    expect(new Set(messages.map((message) => message.protocol))).toEqual(new Set(["h2"]));
  });

  it("classify each message of a batch by its own answer", async () => {
    const good = Array.from({ length: 20 }, () => randomFcmToken());
    const dead = Array.from({ length: 5 }, () => randomFcmToken());
    test.gateway.addDeadTokens("android", dead);
    const invalidData = { message: { data: { count: 3 as unknown as string } }, bytes: 20 };
    const [goodOutcomes, deadOutcomes, malformed, invalid] = await Promise.all([
      Promise.all(good.map((token) => transport.send({ token }, payloadFor("501")))),
      Promise.all(dead.map((token) => transport.send({ token }, payloadFor("502")))),
      transport.send({ token: "not a token" }, payloadFor("503")),
      transport.send({ token: randomFcmToken() }, invalidData),
    ]);
    expect(goodOutcomes.map((outcome) => outcome.kind)).toEqual(good.map(() => "accepted"));
    expect(deadOutcomes).toEqual(
      dead.map(() => expect.objectContaining({ kind: "token-dead", reason: "UNREGISTERED" })),
    );
    expect(malformed).toMatchObject({
      kind: "token-dead",
      reason: "INVALID_ARGUMENT",
      status: 400,
    });
    // firebase-admin refused it before any request.
    expect(invalid).toMatchObject({ kind: "payload-rejected", status: null });
    expect(test.gateway.stats()).toMatchObject({ accepted: 20, rejected: 6 });
  });

  it("keep each refused message's own Retry-After", async () => {
    test.gateway.setFaults({
      android: { errors: { QUOTA_EXCEEDED: 1 }, retryAfterSeconds: 4, latencyMs: 0 },
    });
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        transport.send({ token: randomFcmToken() }, payloadFor(`${600 + index}`)),
      ),
    );
    expect(outcomes).toEqual(
      outcomes.map(() =>
        expect.objectContaining({
          kind: "retry-after",
          reason: "QUOTA_EXCEEDED",
          status: 429,
          retryAfterMs: 4000,
        }),
      ),
    );
  });
});

describe("the gateway's FCM endpoint", () => {
  async function accessToken(): Promise<string> {
    const account = test.gateway.mintFcmServiceAccount({ projectId });
    const agent = new PushAgent({ gateway: test.target, timeoutMs });
    try {
      return (await new ServiceAccountCredential(fcmSecretOf(account), agent).getAccessToken())
        .access_token;
    } finally {
      agent.destroy();
    }
  }

  function post(
    path: string,
    body: unknown,
    bearer: string,
  ): Promise<{ status: number; body: unknown }> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        new URL(path, test.gateway.url),
        {
          method: "POST",
          ca: test.gateway.caPem,
          headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
        },
        (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => {
            text += chunk;
          });
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }),
          );
        },
      );
      outgoing.on("error", reject);
      outgoing.end(JSON.stringify(body));
    });
  }

  const sendPath = `/v1/projects/${projectId}/messages:send`;

  it("answers a non-string data value the way FCM does", async () => {
    const answer = await post(
      sendPath,
      { message: { token: randomFcmToken(), data: { count: 3 } } },
      await accessToken(),
    );
    expect(answer).toEqual({
      status: 400,
      body: {
        error: {
          code: 400,
          message: "Invalid value at 'message.data[0].value' (TYPE_STRING), 3",
          status: "INVALID_ARGUMENT",
          details: [
            {
              "@type": "type.googleapis.com/google.rpc.BadRequest",
              fieldViolations: [
                {
                  field: "message.data[0].value",
                  description: "Invalid value at 'message.data[0].value' (TYPE_STRING), 3",
                },
              ],
            },
          ],
        },
      },
    });
  });

  it("refuses a bearer token it did not issue", async () => {
    const answer = await post(sendPath, { message: { token: randomFcmToken() } }, "ya29.forged");
    expect(answer).toMatchObject({ status: 401, body: { error: { status: "UNAUTHENTICATED" } } });
  });

  it("honours validate_only without recording a send", async () => {
    const answer = await post(
      sendPath,
      { validate_only: true, message: { token: randomFcmToken(), notification: { title: "x" } } },
      await accessToken(),
    );
    expect(answer).toEqual({
      status: 200,
      body: { name: `projects/${projectId}/messages/fake_message_id` },
    });
    expect(test.gateway.stats().accepted).toBe(0);
  });
});
