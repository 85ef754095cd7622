import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApnsTransport } from "@/lib/push/apns-transport";
import { buildApnsPayload } from "@/lib/push/build-apns-payload";
import { notificationContentSchema } from "@/lib/push/content";
import type { ApnsPayload } from "@/lib/push/payloads";
import type { PushTransport } from "@/lib/push/transport";
import {
  apnsSecretOf,
  randomApnsToken,
  startTestGateway,
  type TestGateway,
} from "@/tests/support/gateway";

const timeoutMs = 1500;
const bundleId = "com.herald.shop";
let test: TestGateway;
let transport: PushTransport<"ios">;

beforeAll(async () => {
  test = await startTestGateway();
  transport = createApnsTransport(apnsSecretOf(test.gateway.mintApnsKey({ bundleId })), {
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
  title: "Your order shipped",
  body: "Arriving Thursday",
  badge: 1,
  url: "shop://orders/42",
  ttlSeconds: 7200,
  priority: "normal",
  collapseKey: "order-42",
  ios: { threadId: "orders", interruptionLevel: "time-sensitive" },
});
const now = Date.now();
const payloadFor = (deliveryId: string) =>
  buildApnsPayload(content, { deliveryId, campaignId: "camp-ios" }, { now });

describe("APNs through node-apn into the gateway", () => {
  it("arrives over HTTP/2 with the apns-* headers and body as built", async () => {
    const payload = payloadFor("201");
    const token = randomApnsToken();
    const outcome = await transport.send({ token }, payload);

    expect(outcome).toMatchObject({
      kind: "accepted",
      providerMessageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const [message] = test.gateway.messages({ device: token });
    expect(message?.headers).toEqual({
      "apns-push-type": "alert",
      "apns-topic": bundleId,
      "apns-priority": "5",
      "apns-expiration": String(Math.floor(now / 1000) + 7200),
      "apns-collapse-id": "order-42",
    });
    expect(message?.payload).toEqual(payload.payload);
    expect(message).toMatchObject({ campaignId: "camp-ios", deliveryId: "201" });
  });

  it("sends a silent push as a background push at priority 5", async () => {
    const silent = buildApnsPayload(notificationContentSchema.parse({ silent: true }), {
      deliveryId: "202",
      campaignId: "camp-ios",
    });
    const token = randomApnsToken();
    expect(await transport.send({ token }, silent)).toMatchObject({ kind: "accepted" });
    expect(test.gateway.messages({ device: token })[0]?.headers).toMatchObject({
      "apns-push-type": "background",
      "apns-priority": "5",
    });
  });

  it("finds an unregistered token dead, with the time APNs dropped it", async () => {
    const token = randomApnsToken();
    test.gateway.addDeadTokens("ios", [token]);
    const outcome = await transport.send({ token }, payloadFor("203"));
    expect(outcome).toMatchObject({ kind: "token-dead", reason: "Unregistered", status: 410 });
    if (outcome.kind !== "token-dead") throw new Error("unreachable");
    expect(outcome.unregisteredAt?.getTime()).toBeGreaterThan(now - 60_000);
  });

  it.each([
    ["Unregistered", "token-dead", 410],
    ["BadDeviceToken", "token-dead", 400],
    ["TooManyRequests", "retry-after", 429],
    ["InternalServerError", "retry-after", 500],
    ["ServiceUnavailable", "retry-after", 503],
  ] as const)("classifies an injected %s as %s", async (reason, kind, status) => {
    test.gateway.setFaults({ ios: { errors: { [reason]: 1 } } });
    const outcome = await transport.send({ token: randomApnsToken() }, payloadFor("204"));
    expect(outcome).toMatchObject({ kind, status, reason });
    // node-apn's own retries are off: one request per send.
    expect(test.gateway.stats("camp-ios")).toMatchObject({ accepted: 0, rejected: 1 });
  });

  it("blames the credential when APNs does not know the signing key", async () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const stranger = createApnsTransport(
      {
        keyId: "ZZZZZZZZZZ",
        teamId: "TEAM123456",
        bundleId,
        privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        production: true,
      },
      { gateway: test.target, timeoutMs },
    );
    try {
      expect(await stranger.send({ token: randomApnsToken() }, payloadFor("205"))).toMatchObject({
        kind: "credential-failed",
        reason: "InvalidProviderToken",
        status: 403,
      });
    } finally {
      await stranger.close();
    }
  });

  it("blames the credential when its bundle id is not the key's", async () => {
    const key = test.gateway.mintApnsKey({ bundleId: "com.herald.other" });
    const misconfigured = createApnsTransport(
      { ...apnsSecretOf(key), bundleId: "com.herald.wrong" },
      { gateway: test.target, timeoutMs },
    );
    try {
      expect(
        await misconfigured.send({ token: randomApnsToken() }, payloadFor("206")),
      ).toMatchObject({
        kind: "credential-failed",
        reason: "TopicDisallowed",
      });
    } finally {
      await misconfigured.close();
    }
  });

  it("refuses an oversize payload before any request reaches the gateway", async () => {
    const oversize = notificationContentSchema.parse({
      title: "x",
      data: { blob: "y".repeat(4096) },
    });
    expect(() => buildApnsPayload(oversize, { deliveryId: "207", campaignId: "camp-ios" })).toThrow(
      /iOS \(APNs\) payload is \d+ bytes/,
    );
    const handMade: ApnsPayload = {
      payload: { aps: { alert: "x" }, blob: "y".repeat(4100) },
      pushType: "alert",
      priority: 10,
      bytes: 4130,
    };
    expect(await transport.send({ token: randomApnsToken() }, handMade)).toMatchObject({
      kind: "payload-rejected",
      status: null,
    });
    expect(test.gateway.stats()).toMatchObject({ accepted: 0, rejected: 0 });
  });

  it("finds a malformed device token dead without asking APNs", async () => {
    expect(await transport.send({ token: "not-a-token" }, payloadFor("208"))).toMatchObject({
      kind: "token-dead",
      reason: "BadDeviceToken",
      status: null,
    });
    expect(test.gateway.stats().rejected).toBe(0);
  });

  it("aborts a stream APNs never answers at the request timeout, and keeps sending", async () => {
    test.gateway.setFaults({ ios: { hangRate: 1 } });
    const started = Date.now();
    const outcome = await transport.send({ token: randomApnsToken() }, payloadFor("209"));
    expect(outcome).toMatchObject({ kind: "retry-after", status: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(timeoutMs - 50);
    test.gateway.setFaults({ ios: { hangRate: 0 } });
    expect(await transport.send({ token: randomApnsToken() }, payloadFor("210"))).toMatchObject({
      kind: "accepted",
    });
  });

  it("multiplexes concurrent sends on one connection", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        transport.send({ token: randomApnsToken() }, payloadFor(`3${index}`)),
      ),
    );
    expect(outcomes.every((outcome) => outcome.kind === "accepted")).toBe(true);
    expect(test.gateway.stats("camp-ios")).toMatchObject({ accepted: 200, duplicates: 0 });
  });
});
