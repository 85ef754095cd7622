import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildWebPushPayload } from "@/lib/push/build-web-push-payload";
import { notificationContentSchema } from "@/lib/push/content";
import type { WebPushPayload } from "@/lib/push/payloads";
import type { PushTransport } from "@/lib/push/transport";
import { createWebPushTransport } from "@/lib/push/web-push-transport";
import { generateWebPushSecret, startTestGateway, type TestGateway } from "@/tests/support/gateway";

const timeoutMs = 1500;
let test: TestGateway;
let transport: PushTransport<"web">;

beforeAll(async () => {
  test = await startTestGateway();
  transport = createWebPushTransport(generateWebPushSecret(), { gateway: test.target, timeoutMs });
});
afterAll(async () => {
  await transport.close();
  await test.stop();
});
beforeEach(() => test.gateway.reset());

const content = notificationContentSchema.parse({
  title: "Back in stock",
  body: "The blue sneakers are back — size 42 too",
  iconUrl: "https://cdn.example.com/icon.png",
  url: "/products/blue-sneakers",
  actions: [{ id: "buy", title: "Buy now", url: "/checkout" }],
  data: { sku: "SNK-42" },
  ttlSeconds: 3600,
  priority: "high",
  collapseKey: "restock",
});

const payloadFor = (deliveryId: string, campaignId = "camp-web") =>
  buildWebPushPayload(content, { deliveryId, campaignId });

describe("web push through web-push into the gateway", () => {
  it("arrives encrypted and decrypts to exactly the payload built", async () => {
    const payload = payloadFor("101");
    const subscription = test.gateway.mintWebSubscription("browser-1");
    const outcome = await transport.send(subscription, payload);

    expect(outcome).toMatchObject({
      kind: "accepted",
      providerMessageId: expect.stringMatching(/^\/web\/message\//),
    });
    const [message] = test.gateway.messages({ device: "browser-1" });
    expect(message?.payload).toEqual(JSON.parse(payload.body));
    expect(message).toMatchObject({ platform: "web", campaignId: "camp-web", deliveryId: "101" });
    expect(message?.headers).toEqual({
      ttl: "3600",
      urgency: "high",
      topic: "restock",
      "content-encoding": "aes128gcm",
    });
    expect(test.gateway.stats("camp-web")).toMatchObject({
      accepted: 1,
      rejected: 0,
      duplicates: 0,
    });
  });

  it("reaches the gateway whatever push service the endpoint names", async () => {
    // A real browser's endpoint: the agent redirects the connection, nothing leaves the machine.
    const minted = test.gateway.mintWebSubscription("browser-2");
    const subscription = {
      ...minted,
      endpoint: "https://updates.push.services.mozilla.com/web/push/browser-2",
    };
    expect(await transport.send(subscription, payloadFor("102"))).toMatchObject({
      kind: "accepted",
    });
    expect(test.gateway.deviceStats("web", "browser-2").accepted).toBe(1);
  });

  it.each([
    ["404", "token-dead", null],
    ["410", "token-dead", null],
    ["413", "payload-rejected", null],
    ["429", "retry-after", 2000],
    ["500", "retry-after", null],
    ["503", "retry-after", 2000],
    ["403", "credential-failed", null],
  ] as const)("classifies an injected %s as %s", async (status, kind, retryAfterMs) => {
    test.gateway.setFaults({ web: { errors: { [status]: 1 }, retryAfterSeconds: 2 } });
    const outcome = await transport.send(
      test.gateway.mintWebSubscription("browser-3"),
      payloadFor("103"),
    );
    expect(outcome).toMatchObject({ kind, status: Number(status) });
    if (outcome.kind === "retry-after") {
      // Retry-After goes with 429 and 503 only; a 500 leaves the wait to backoff.
      expect(outcome.retryAfterMs).toBe(retryAfterMs);
    }
    expect(test.gateway.stats("camp-web").rejectedByReason).toEqual({ [`http_${status}`]: 1 });
  });

  it("finds a permanently dead subscription gone", async () => {
    test.gateway.addDeadTokens("web", ["unsubscribed-1"]);
    const outcome = await transport.send(
      test.gateway.mintWebSubscription("unsubscribed-1"),
      payloadFor("104"),
    );
    expect(outcome).toMatchObject({ kind: "token-dead", status: 410 });
  });

  it("refuses an oversize payload before any request reaches the gateway", async () => {
    const oversize = notificationContentSchema.parse({ title: "Too long", body: "x".repeat(3990) });
    expect(() =>
      buildWebPushPayload(oversize, { deliveryId: "105", campaignId: "camp-web" }),
    ).toThrow(/Web Push payload is \d+ bytes; Web Push accepts at most 3993 bytes/);
    const handMade: WebPushPayload = {
      body: "x".repeat(4000),
      ttlSeconds: 60,
      urgency: "normal",
      bytes: 4000,
    };
    const outcome = await transport.send(test.gateway.mintWebSubscription("browser-4"), handMade);
    expect(outcome).toMatchObject({ kind: "payload-rejected", status: null });
    expect(test.gateway.stats()).toMatchObject({ accepted: 0, rejected: 0 });
  });

  it("aborts a push service that never answers at the request timeout", async () => {
    test.gateway.setFaults({ web: { hangRate: 1 } });
    const started = Date.now();
    const outcome = await transport.send(
      test.gateway.mintWebSubscription("browser-5"),
      payloadFor("106"),
    );
    const elapsed = Date.now() - started;
    expect(outcome).toMatchObject({ kind: "retry-after", status: null, retryAfterMs: null });
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect(elapsed).toBeLessThan(timeoutMs + 1000);
  });

  it("waits through a slow answer within the timeout", async () => {
    test.gateway.setFaults({ web: { slow: { rate: 1, delayMs: 300 } } });
    const started = Date.now();
    expect(
      await transport.send(test.gateway.mintWebSubscription("browser-6"), payloadFor("107")),
    ).toMatchObject({
      kind: "accepted",
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("counts the same delivery accepted twice as a duplicate", async () => {
    const subscription = test.gateway.mintWebSubscription("browser-7");
    await transport.send(subscription, payloadFor("108", "camp-dup"));
    await transport.send(subscription, payloadFor("108", "camp-dup"));
    await transport.send(subscription, payloadFor("109", "camp-dup"));
    expect(test.gateway.stats("camp-dup")).toMatchObject({ accepted: 3, duplicates: 1 });
  });

  it("finds a subscription whose keys do not decrypt gone", async () => {
    const other = test.gateway.mintWebSubscription("browser-9");
    const subscription = { ...test.gateway.mintWebSubscription("browser-10"), keys: other.keys };
    expect(await transport.send(subscription, payloadFor("111"))).toMatchObject({
      kind: "token-dead",
      status: 410,
    });
  });

  it("sends a subscription whose keys are broken nowhere", async () => {
    const subscription = {
      endpoint: test.gateway.mintWebSubscription("browser-8").endpoint,
      keys: { p256dh: "AAAA", auth: "AAAA" },
    };
    expect(await transport.send(subscription, payloadFor("110"))).toMatchObject({
      kind: "token-dead",
    });
    expect(test.gateway.stats().rejected).toBe(0);
  });
});
