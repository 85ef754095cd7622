import { describe, expect, it } from "vitest";
import { POST as identitySecretRoute } from "@/app/api/v1/apps/[appId]/identity-secret/route";
import { PATCH as patchAppRoute } from "@/app/api/v1/apps/[appId]/route";
import {
  OPTIONS as configPreflight,
  GET as configRoute,
} from "@/app/api/v1/sdk/[publicId]/config/route";
import { POST as identifyRoute } from "@/app/api/v1/sdk/[publicId]/identify/route";
import {
  GET as getPreferencesRoute,
  PUT as putPreferencesRoute,
} from "@/app/api/v1/sdk/[publicId]/preferences/route";
import { POST as promptsRoute } from "@/app/api/v1/sdk/[publicId]/prompts/route";
import { POST as receiptsRoute } from "@/app/api/v1/sdk/[publicId]/receipts/route";
import { POST as subscriptionsRoute } from "@/app/api/v1/sdk/[publicId]/subscriptions/route";
import { getDb } from "@/lib/db/client";
import { promptEventNames } from "@/lib/events/prompt-events";
import { getRedis, redisKey } from "@/lib/redis";
import { identityHashOf } from "@/lib/sdk/identity-verification";
import { addMember, createTestApp, randomId, type TestApp } from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";
import { expectProblem, webSubscription } from "../api/support";

const shopOrigin = "https://shop.example.com";

async function sdkApp(): Promise<TestApp> {
  const app = await createTestApp();
  await getDb().app.update({ where: { id: app.id }, data: { allowedOrigins: [shopOrigin] } });
  await getDb().topic.create({ data: { appId: app.id, key: "deals", name: "Deals" } });
  return app;
}

interface Registration {
  deviceId: string;
  deviceToken: string;
  subscriberId: string;
  externalId: string | null;
  created: boolean;
}

function sdkCall(
  handler: Parameters<typeof callRoute>[0],
  app: TestApp,
  path: string,
  options: {
    body?: unknown;
    token?: string;
    origin?: string | null;
    method?: string;
    ip?: string;
  } = {},
) {
  const headers: Record<string, string> = {};
  if (options.origin !== null) headers.origin = options.origin ?? shopOrigin;
  if (options.token) headers["x-herald-device-token"] = options.token;
  if (options.ip) headers["x-forwarded-for"] = options.ip;
  return callRoute(handler, {
    method: options.method,
    path: `/api/v1/sdk/${app.publicId}/${path}`,
    params: { publicId: app.publicId },
    body: options.body,
    headers,
  });
}

async function subscribe(app: TestApp, body: Record<string, unknown>, token?: string) {
  const response = await sdkCall(subscriptionsRoute, app, "subscriptions", { body, token });
  expect([200, 201]).toContain(response.status);
  return json<Registration>(response);
}

describe("SDK CORS", () => {
  it("answers an allowed origin with its CORS header, and the config", async () => {
    const app = await sdkApp();
    const response = await sdkCall(configRoute, app, "config");
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(shopOrigin);
    expect(response.headers.get("vary")).toContain("Origin");
    const config = await json<{
      appId: string;
      vapidPublicKey: string | null;
      topics: { key: string }[];
      prompt: { afterPageViews: number };
    }>(response);
    expect(config.appId).toBe(app.publicId);
    expect(config.vapidPublicKey).toMatch(/^B[A-Za-z0-9_-]{86}$/);
    expect(config.topics.map((topic) => topic.key)).toEqual(["deals"]);
    expect(config.prompt.afterPageViews).toBeGreaterThan(0);
  });

  it("refuses any other origin with 403 and no CORS header", async () => {
    const app = await sdkApp();
    for (const origin of [
      "https://evil.example",
      "https://shop.example.com.evil.example",
      "http://shop.example.com",
      "null",
    ]) {
      const response = await sdkCall(configRoute, app, "config", { origin });
      await expectProblem(response, 403);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    }
    const write = await sdkCall(subscriptionsRoute, app, "subscriptions", {
      origin: "https://evil.example",
      body: { subscription: webSubscription() },
    });
    await expectProblem(write, 403);
    expect(await getDb().device.count({ where: { appId: app.id } })).toBe(0);
  });

  it("answers the preflight for an allowed origin only", async () => {
    const app = await sdkApp();
    const allowed = await sdkCall(configPreflight, app, "config", { method: "OPTIONS" });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(shopOrigin);
    expect(allowed.headers.get("access-control-allow-methods")).toContain("POST");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("x-herald-device-token");
    expect(Number(allowed.headers.get("access-control-max-age"))).toBeGreaterThan(0);
    const refused = await sdkCall(configPreflight, app, "config", {
      method: "OPTIONS",
      origin: "https://evil.example",
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers 404 for an unknown public id", async () => {
    const response = await callRoute(configRoute, {
      path: "/api/v1/sdk/nope/config",
      params: { publicId: `nope${randomId()}` },
    });
    await expectProblem(response, 404);
  });

  it("rate-limits per IP with 429 and Retry-After", async () => {
    const app = await sdkApp();
    const ip = `203.0.113.${Math.floor(Math.random() * 200)}`;
    const window = Math.floor(Date.now() / 1000 / 60);
    await getRedis().set(
      redisKey("ratelimit", `sdk:${app.publicId}:${ip}:all`, String(window)),
      "600",
      "EX",
      60,
    );
    const limited = await sdkCall(configRoute, app, "config", { ip });
    await expectProblem(limited, 429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("access-control-allow-origin")).toBe(shopOrigin);
    expect((await sdkCall(configRoute, app, "config", { ip: "198.51.100.7" })).status).toBe(200);
    // Through a proxy that appends the address it saw, an address the client
    // writes itself in front does not move it to another bucket.
    const forged = await sdkCall(configRoute, app, "config", { ip: `198.51.100.8, ${ip}` });
    await expectProblem(forged, 429);
  });
});

describe("SDK subscriptions", () => {
  it("registers a browser once, re-registration updates it, and a new endpoint with the old token moves the device", async () => {
    const app = await sdkApp();
    const subscription = webSubscription();
    const first = await subscribe(app, { subscription, browser: "Firefox", sdkVersion: "1.0.0" });
    expect(first.created).toBe(true);
    expect(first.externalId).toBeNull();
    expect(first.deviceToken).toMatch(/^hdt_\d+_/);

    const again = await subscribe(app, { subscription }, first.deviceToken);
    expect(again.deviceId).toBe(first.deviceId);
    expect(again.created).toBe(false);
    expect(again.deviceToken).not.toBe(first.deviceToken);

    const renewed = webSubscription();
    const moved = await subscribe(app, { subscription: renewed }, again.deviceToken);
    expect(moved.deviceId).toBe(first.deviceId);
    const devices = await getDb().device.findMany({ where: { appId: app.id } });
    expect(devices).toHaveLength(1);
    expect(devices[0]?.address).toBe(renewed.endpoint);
    expect(devices[0]?.webP256dh).toBe(renewed.keys.p256dh);
    // Only the latest token works.
    await expectProblem(
      await sdkCall(identifyRoute, app, "identify", {
        body: { externalId: "x" },
        token: first.deviceToken,
      }),
      401,
    );
  });

  it("refuses a subscription with bad keys or an unsafe endpoint", async () => {
    const app = await sdkApp();
    const good = webSubscription();
    await expectProblem(
      await sdkCall(subscriptionsRoute, app, "subscriptions", {
        body: { subscription: { ...good, keys: { ...good.keys, auth: "x" } } },
      }),
      400,
      "subscription.keys.auth",
    );
    await expectProblem(
      await sdkCall(subscriptionsRoute, app, "subscriptions", {
        body: { subscription: { ...good, endpoint: "https://10.0.0.8/push" } },
      }),
      400,
      "subscription.endpoint",
    );
    await expectProblem(
      await sdkCall(subscriptionsRoute, app, "subscriptions", {
        body: { subscription: good, platform: "web" },
      }),
      400,
      "(body)",
    );
    expect(await getDb().device.count({ where: { appId: app.id } })).toBe(0);
  });
});

describe("SDK identify", () => {
  it("merges the anonymous visitor into the identified subscriber, and signs out to a fresh one", async () => {
    const app = await sdkApp();
    const browser = await subscribe(app, { subscription: webSubscription() });
    await sdkCall(promptsRoute, app, "prompts", {
      token: browser.deviceToken,
      body: { outcome: "granted", prompt: "native" },
    });
    const db = getDb();
    const known = await db.subscriber.create({
      data: { appId: app.id, externalId: "ada", attributes: { plan: "pro" } },
    });
    const identified = await sdkCall(identifyRoute, app, "identify", {
      token: browser.deviceToken,
      body: { externalId: "ada" },
    });
    expect(identified.status).toBe(200);
    expect(await json(identified)).toEqual({
      subscriberId: known.id.toString(),
      externalId: "ada",
    });
    expect(await db.subscriber.count({ where: { appId: app.id } })).toBe(1);
    const device = await db.device.findUniqueOrThrow({ where: { id: BigInt(browser.deviceId) } });
    expect(device.subscriberId).toBe(known.id);
    expect(
      await db.event.count({
        where: { appId: app.id, subscriberId: known.id, name: promptEventNames.granted },
      }),
    ).toBe(1);

    const signedOut = await json<{ subscriberId: string; externalId: null }>(
      await sdkCall(identifyRoute, app, "identify", {
        token: browser.deviceToken,
        body: { externalId: null },
      }),
    );
    expect(signedOut.externalId).toBeNull();
    expect(signedOut.subscriberId).not.toBe(known.id.toString());
    // Ada keeps her history; only the browser left.
    expect(await db.event.count({ where: { subscriberId: known.id } })).toBe(1);
  });

  it("needs this app's device token", async () => {
    const app = await sdkApp();
    const other = await sdkApp();
    const browser = await subscribe(other, { subscription: webSubscription() });
    await expectProblem(
      await sdkCall(identifyRoute, app, "identify", { body: { externalId: "ada" } }),
      401,
    );
    await expectProblem(
      await sdkCall(identifyRoute, app, "identify", {
        token: browser.deviceToken,
        body: { externalId: "ada" },
      }),
      401,
    );
    await expectProblem(
      await sdkCall(identifyRoute, app, "identify", {
        token: `${browser.deviceToken.slice(0, -4)}AAAA`,
        body: { externalId: "ada" },
      }),
      401,
    );
    expect(await getDb().subscriber.count({ where: { appId: app.id, externalId: "ada" } })).toBe(0);
  });
});

describe("SDK identity verification", () => {
  async function verifyingApp() {
    const app = await sdkApp();
    const created = await callRoute(identitySecretRoute, {
      path: `/api/v1/apps/${app.id}/identity-secret`,
      params: { appId: app.id },
      as: { user: app.owner },
    });
    expect(created.status).toBe(201);
    const { secret } = await json<{ secret: string }>(created);
    const required = await callRoute(patchAppRoute, {
      method: "PATCH",
      path: `/api/v1/apps/${app.id}`,
      params: { appId: app.id },
      as: { user: app.owner },
      body: { requireIdentityVerification: true },
    });
    expect(required.status).toBe(200);
    return { app, secret };
  }

  it("keeps the secret sealed: answered once, never read back, not stored as given", async () => {
    const { app, secret } = await verifyingApp();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await getDb().app.findUniqueOrThrow({ where: { id: app.id } });
    expect(stored.identitySecret).not.toContain(secret);
    const read = await callRoute(patchAppRoute, {
      method: "PATCH",
      path: `/api/v1/apps/${app.id}`,
      params: { appId: app.id },
      as: { user: app.owner },
      body: {},
    });
    const text = await read.text();
    expect(text).not.toContain(secret);
    expect(JSON.parse(text).identityVerification).toEqual({ required: true, hasSecret: true });
  });

  it("takes an external id only with its server's hash, and anonymous visitors as before", async () => {
    const { app, secret } = await verifyingApp();
    const subscription = webSubscription();
    await expectProblem(
      await sdkCall(subscriptionsRoute, app, "subscriptions", {
        body: { subscription, externalId: "ada" },
      }),
      400,
      "identityHash",
    );
    await expectProblem(
      await sdkCall(subscriptionsRoute, app, "subscriptions", {
        body: { subscription, externalId: "ada", identityHash: identityHashOf(secret, "grace") },
      }),
      403,
      "identityHash",
    );
    expect(await getDb().device.count({ where: { appId: app.id } })).toBe(0);
    expect(await getDb().subscriber.count({ where: { appId: app.id } })).toBe(0);

    const anonymous = await subscribe(app, { subscription });
    expect(anonymous.externalId).toBeNull();
    const identify = (body: Record<string, unknown>) =>
      sdkCall(identifyRoute, app, "identify", { token: anonymous.deviceToken, body });
    await expectProblem(await identify({ externalId: "ada" }), 400, "identityHash");
    await expectProblem(
      await identify({
        externalId: "ada",
        identityHash: identityHashOf("a guessed secret", "ada"),
      }),
      403,
      "identityHash",
    );
    expect(await getDb().subscriber.count({ where: { appId: app.id, externalId: "ada" } })).toBe(0);
    const verified = await identify({
      externalId: "ada",
      identityHash: identityHashOf(secret, "ada"),
    });
    expect(verified.status).toBe(200);
    expect(await json(verified)).toMatchObject({ externalId: "ada" });
    // Signing out needs no hash.
    expect((await identify({ externalId: null })).status).toBe(200);

    const again = await subscribe(app, {
      subscription,
      externalId: "ada",
      identityHash: identityHashOf(secret, "ada"),
    });
    expect(again.externalId).toBe("ada");
  });

  it("stops taking hashes of a replaced secret, and cannot be required before a secret exists", async () => {
    const app = await sdkApp();
    const refused = await callRoute(patchAppRoute, {
      method: "PATCH",
      path: `/api/v1/apps/${app.id}`,
      params: { appId: app.id },
      as: { user: app.owner },
      body: { requireIdentityVerification: true },
    });
    await expectProblem(refused, 400, "requireIdentityVerification");
    expect(
      (await getDb().app.findUniqueOrThrow({ where: { id: app.id } })).requireIdentityVerification,
    ).toBe(false);

    const { app: verifying, secret } = await verifyingApp();
    const replaced = await callRoute(identitySecretRoute, {
      path: `/api/v1/apps/${verifying.id}/identity-secret`,
      params: { appId: verifying.id },
      as: { user: verifying.owner },
    });
    const { secret: newSecret } = await json<{ secret: string }>(replaced);
    expect(newSecret).not.toBe(secret);
    await expectProblem(
      await sdkCall(subscriptionsRoute, verifying, "subscriptions", {
        body: {
          subscription: webSubscription(),
          externalId: "ada",
          identityHash: identityHashOf(secret, "ada"),
        },
      }),
      403,
      "identityHash",
    );
  });

  it("lets only owners and admins create the secret", async () => {
    const app = await sdkApp();
    const marketer = await addMember(app.id, "marketer");
    const response = await callRoute(identitySecretRoute, {
      path: `/api/v1/apps/${app.id}/identity-secret`,
      params: { appId: app.id },
      as: { user: marketer },
    });
    await expectProblem(response, 403);
    expect(
      (await getDb().app.findUniqueOrThrow({ where: { id: app.id } })).identitySecret,
    ).toBeNull();
  });
});

describe("SDK receipts and prompts", () => {
  async function browserWithDelivery(app: TestApp) {
    const browser = await subscribe(app, {
      subscription: webSubscription(),
      externalId: `user-${randomId()}`,
    });
    const db = getDb();
    const campaign = await db.campaign.create({
      data: { appId: app.id, name: "Sale", status: "completed" },
    });
    const delivery = await db.delivery.create({
      data: {
        appId: app.id,
        campaignId: campaign.id,
        subscriberId: BigInt(browser.subscriberId),
        deviceId: BigInt(browser.deviceId),
        platform: "web",
        status: "sent",
        sentAt: new Date(),
      },
    });
    return { browser, deliveryId: delivery.id.toString() };
  }

  it("records each receipt once, for a delivery to this device only", async () => {
    const app = await sdkApp();
    const { browser, deliveryId } = await browserWithDelivery(app);
    const other = await browserWithDelivery(app);
    const receipt = (body: unknown, token = browser.deviceToken) =>
      sdkCall(receiptsRoute, app, "receipts", { token, body });
    const longAgo = new Date(Date.now() - 2 * 3600_000);
    await getDb().device.update({
      where: { id: BigInt(browser.deviceId) },
      data: { lastSeenAt: longAgo },
    });
    expect(await json(await receipt({ deliveryId, type: "delivered" }))).toEqual({
      recorded: true,
    });
    const seen = await getDb().device.findUniqueOrThrow({
      where: { id: BigInt(browser.deviceId) },
    });
    expect(seen.lastSeenAt.getTime()).toBeGreaterThan(longAgo.getTime() + 3600_000);
    expect(await json(await receipt({ deliveryId, type: "delivered" }))).toEqual({
      recorded: false,
    });
    expect(await json(await receipt({ deliveryId, type: "action", actionId: "track" }))).toEqual({
      recorded: true,
    });
    await expectProblem(await receipt({ deliveryId, type: "action" }), 400, "actionId");
    await expectProblem(await receipt({ deliveryId: other.deliveryId, type: "clicked" }), 404);
    const db = getDb();
    const delivery = await db.delivery.findUniqueOrThrow({ where: { id: BigInt(deliveryId) } });
    expect(delivery.deliveredAt).not.toBeNull();
    expect(delivery.openedAt).not.toBeNull();
    const untouched = await db.delivery.findUniqueOrThrow({
      where: { id: BigInt(other.deliveryId) },
    });
    expect(untouched.openedAt).toBeNull();
    // Another app's device token cannot report on this app's deliveries.
    const foreignApp = await sdkApp();
    const foreign = await subscribe(foreignApp, { subscription: webSubscription() });
    await expectProblem(
      await receipt({ deliveryId: other.deliveryId, type: "clicked" }, foreign.deviceToken),
      401,
    );
  });

  it("stores prompts as events, without a subscriber before the visitor subscribes", async () => {
    const app = await sdkApp();
    const visitorId = `v_${randomId(12)}`;
    for (const outcome of ["prompted", "denied"]) {
      const response = await sdkCall(promptsRoute, app, "prompts", {
        body: { outcome, prompt: "soft", visitorId },
      });
      expect(response.status).toBe(204);
    }
    const events = await getDb().event.findMany({
      where: { appId: app.id },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => [event.name, event.subscriberId, event.properties])).toEqual([
      [promptEventNames.prompted, null, { prompt: "soft", visitorId }],
      [promptEventNames.denied, null, { prompt: "soft", visitorId }],
    ]);
    await expectProblem(
      await sdkCall(promptsRoute, app, "prompts", { body: { outcome: "maybe", prompt: "soft" } }),
      400,
      "outcome",
    );
  });
});

describe("SDK preferences", () => {
  it("reads and sets this browser's topic choices, and only with its device token", async () => {
    const app = await sdkApp();
    const browser = await subscribe(app, { subscription: webSubscription(), externalId: "ada" });
    const read = await sdkCall(getPreferencesRoute, app, "preferences", {
      token: browser.deviceToken,
    });
    expect(read.status).toBe(200);
    expect(await json(read)).toEqual({
      data: [expect.objectContaining({ key: "deals", optedIn: true, isDefault: true })],
    });
    const set = await sdkCall(putPreferencesRoute, app, "preferences", {
      method: "PUT",
      token: browser.deviceToken,
      body: { preferences: { deals: false } },
    });
    expect(await json(set)).toEqual({
      data: [expect.objectContaining({ key: "deals", optedIn: false, isDefault: false })],
    });
    await expectProblem(
      await sdkCall(putPreferencesRoute, app, "preferences", {
        method: "PUT",
        token: browser.deviceToken,
        body: { preferences: { nope: true } },
      }),
      400,
      "preferences.nope",
    );
    await expectProblem(await sdkCall(getPreferencesRoute, app, "preferences"), 401);
  });
});
