import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveCredential } from "@/lib/credentials/credentials";
import type { Actor } from "@/lib/http/actor";
import { buildApnsPayload } from "@/lib/push/build-apns-payload";
import { buildFcmMessage } from "@/lib/push/build-fcm-message";
import { buildWebPushPayload } from "@/lib/push/build-web-push-payload";
import { notificationContentSchema } from "@/lib/push/content";
import { PushTransportCache } from "@/lib/push/transport-cache";
import { createTestApp, type TestApp } from "@/tests/support/factories";
import {
  randomApnsToken,
  randomFcmToken,
  startTestGateway,
  type TestGateway,
} from "@/tests/support/gateway";

let test: TestGateway;
let app: TestApp;
let actor: Actor;

beforeAll(async () => {
  test = await startTestGateway();
  app = await createTestApp();
  actor = { kind: "user", userId: app.owner.id, email: app.owner.email };
});
afterAll(() => test.stop());

const content = notificationContentSchema.parse({ title: "Welcome", body: "Thanks for joining" });
const reference = { deliveryId: "1", campaignId: "camp-cache" };

async function saveApnsKey(bundleId: string) {
  const key = test.gateway.mintApnsKey({ bundleId });
  await saveCredential(app.id, { platform: "ios", input: { ...key, production: true } }, actor);
}

describe("transports built from stored credentials", () => {
  it("sends on all three platforms with what the app stored", async () => {
    await saveCredential(
      app.id,
      { platform: "web", input: { generate: true, subject: "mailto:ops@herald.test" } },
      actor,
    );
    const account = test.gateway.mintFcmServiceAccount();
    await saveCredential(
      app.id,
      { platform: "android", input: { serviceAccountJson: JSON.stringify(account) } },
      actor,
    );
    await saveApnsKey("com.herald.cache");

    const cache = new PushTransportCache({ gateway: test.target, timeoutMs: 2000 });
    try {
      const web = await cache.get(app.id, "web");
      const android = await cache.get(app.id, "android");
      const ios = await cache.get(app.id, "ios");
      expect(
        await web?.send(
          test.gateway.mintWebSubscription("cache-1"),
          buildWebPushPayload(content, reference),
        ),
      ).toMatchObject({ kind: "accepted" });
      expect(
        await android?.send({ token: randomFcmToken() }, buildFcmMessage(content, reference)),
      ).toMatchObject({
        kind: "accepted",
      });
      expect(
        await ios?.send({ token: randomApnsToken() }, buildApnsPayload(content, reference)),
      ).toMatchObject({
        kind: "accepted",
      });
      expect(await cache.get(app.id, "ios")).toBe(ios);
    } finally {
      await cache.close();
    }
  });

  it("has no transport for an app without that credential", async () => {
    const bare = await createTestApp();
    const cache = new PushTransportCache({ gateway: test.target });
    try {
      expect(await cache.get(bare.id, "android")).toBeNull();
    } finally {
      await cache.close();
    }
  });

  it("answers credential-failed for a credential the library cannot use", async () => {
    const cache = new PushTransportCache({
      gateway: test.target,
      loadSecret: async () =>
        ({
          projectId: "p",
          clientEmail: "a@p.iam.gserviceaccount.com",
          privateKey: "not a key",
        }) as never,
    });
    try {
      const android = await cache.get(app.id, "android");
      expect(
        await android?.send({ token: randomFcmToken() }, buildFcmMessage(content, reference)),
      ).toMatchObject({
        kind: "credential-failed",
        reason: expect.stringMatching(/^unusable credential/),
      });
      expect(test.gateway.stats().rejected).toBe(0);
    } finally {
      await cache.close();
    }
  });

  it("picks up a replaced credential", async () => {
    await saveApnsKey("com.herald.before");
    const cache = new PushTransportCache({ gateway: test.target, timeoutMs: 2000, recheckMs: 0 });
    try {
      const before = await cache.get(app.id, "ios");
      await saveApnsKey("com.herald.after");
      const after = await cache.get(app.id, "ios");
      expect(after).not.toBe(before);
      const token = randomApnsToken();
      expect(await after?.send({ token }, buildApnsPayload(content, reference))).toMatchObject({
        kind: "accepted",
      });
      expect(test.gateway.messages({ device: token })[0]?.headers["apns-topic"]).toBe(
        "com.herald.after",
      );
      expect(await cache.get(app.id, "ios")).toBe(after);
    } finally {
      await cache.close();
    }
  });
});
