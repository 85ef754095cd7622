import { describe, expect, it } from "vitest";
import {
  GET as getDeviceRoute,
  DELETE as optOutRoute,
  PATCH as patchDeviceRoute,
} from "@/app/api/v1/devices/[deviceId]/route";
import { POST as registerRoute } from "@/app/api/v1/devices/route";
import { getDb } from "@/lib/db/client";
import { createTestApiKey, createTestApp, randomId, type TestApp } from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";
import { apnsToken, expectProblem, fcmToken, webSubscription } from "../api/support";

interface DeviceBody {
  id: string;
  subscriberId: string;
  platform: string;
  status: string;
  address: string;
  isTestDevice: boolean;
  lastRegisteredAt: string;
  optedOutAt: string | null;
  created: boolean;
}

async function setup(scopes: ("ingest" | "read" | "send" | "admin")[] = ["ingest", "read"]) {
  const app = await createTestApp();
  const key = await createTestApiKey(app, scopes);
  const register = (body: unknown, apiKey = key) =>
    callRoute(registerRoute, { path: "/api/v1/devices", as: { apiKey }, body });
  return { app, key, register };
}

async function deviceCount(app: TestApp): Promise<number> {
  return getDb().device.count({ where: { appId: app.id } });
}

describe("POST /api/v1/devices", () => {
  it("registers an iOS, an Android and a web device, attaching them to the subscriber", async () => {
    const { app, register } = await setup();
    const externalId = `user-${randomId()}`;
    const ios = await register({ platform: "ios", token: apnsToken().toUpperCase(), externalId });
    expect(ios.status).toBe(201);
    const android = await register({
      platform: "android",
      token: fcmToken(),
      externalId,
      appVersion: "3.1",
    });
    expect(android.status).toBe(201);
    const subscription = webSubscription();
    const web = await register({ platform: "web", subscription, externalId, browser: "Firefox" });
    expect(web.status).toBe(201);
    const webDevice = await json<DeviceBody>(web);
    expect(webDevice).toMatchObject({ platform: "web", status: "active", created: true });
    // The address is shown shortened, never whole, and the push keys never.
    expect(webDevice.address).toMatch(/^fcm\.googleapis\.com\/…/);
    expect(JSON.stringify(webDevice)).not.toContain(subscription.keys.auth);
    const subscribers = await getDb().subscriber.findMany({ where: { appId: app.id } });
    expect(subscribers).toHaveLength(1);
    expect(subscribers[0]?.externalId).toBe(externalId);
    expect(await deviceCount(app)).toBe(3);
    // APNs tokens are stored lower-case so the same token in either case is one device.
    const stored = await getDb().device.findFirstOrThrow({
      where: { appId: app.id, platform: "ios" },
    });
    expect(stored.address).toBe(stored.address.toLowerCase());
  });

  it("updates the known device on re-registration: re-activated, bumped, moved to the new subscriber", async () => {
    const { app, register, key } = await setup();
    const token = fcmToken();
    const first = await json<DeviceBody>(
      await register({ platform: "android", token, externalId: "alice" }),
    );
    await callRoute(optOutRoute, {
      method: "DELETE",
      path: `/api/v1/devices/${first.id}`,
      params: { deviceId: first.id },
      as: { apiKey: key },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await register({
      platform: "android",
      token,
      externalId: "bob",
      appVersion: "4.0",
    });
    expect(again.status).toBe(200);
    const second = await json<DeviceBody>(again);
    expect(second.id).toBe(first.id);
    expect(second.created).toBe(false);
    expect(second.status).toBe("active");
    expect(second.optedOutAt).toBeNull();
    expect(new Date(second.lastRegisteredAt) > new Date(first.lastRegisteredAt)).toBe(true);
    const bob = await getDb().subscriber.findFirstOrThrow({
      where: { appId: app.id, externalId: "bob" },
    });
    expect(second.subscriberId).toBe(bob.id.toString());
    expect(await deviceCount(app)).toBe(1);
  });

  it("gives a device without an external id an anonymous subscriber", async () => {
    const { app, register } = await setup();
    const response = await register({ platform: "ios", token: apnsToken() });
    expect(response.status).toBe(201);
    const subscriber = await getDb().subscriber.findFirstOrThrow({ where: { appId: app.id } });
    expect(subscriber.externalId).toBeNull();
  });

  it("refuses malformed tokens, bad web keys and unsafe endpoints, naming the field, storing nothing", async () => {
    const { app, register } = await setup();
    const good = webSubscription();
    const cases: [unknown, string][] = [
      [{ platform: "ios", token: "not-hex" }, "token"],
      [{ platform: "ios", token: "ab12" }, "token"],
      [{ platform: "android", token: "short" }, "token"],
      [{ platform: "android", token: `${fcmToken()} ` }, "token"],
      [{ platform: "web", token: apnsToken() }, "subscription"],
      [
        {
          platform: "web",
          subscription: { ...good, endpoint: good.endpoint.replace("https:", "http:") },
        },
        "subscription.endpoint",
      ],
      [
        { platform: "web", subscription: { ...good, endpoint: "https://127.0.0.1/push/1" } },
        "subscription.endpoint",
      ],
      [
        { platform: "web", subscription: { ...good, endpoint: "https://[::1]/push/1" } },
        "subscription.endpoint",
      ],
      [
        { platform: "web", subscription: { ...good, endpoint: "https://169.254.169.254/latest" } },
        "subscription.endpoint",
      ],
      [
        { platform: "web", subscription: { ...good, endpoint: "https://localhost/push" } },
        "subscription.endpoint",
      ],
      [
        { platform: "web", subscription: { ...good, endpoint: "https://localhost./push" } },
        "subscription.endpoint",
      ],
      [
        { platform: "web", subscription: { ...good, keys: { ...good.keys, p256dh: "AAAA" } } },
        "subscription.keys.p256dh",
      ],
      // 65 bytes starting 0x04 but not a point on the curve.
      [
        {
          platform: "web",
          subscription: {
            ...good,
            keys: {
              ...good.keys,
              p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString("base64url"),
            },
          },
        },
        "subscription.keys.p256dh",
      ],
      [
        { platform: "web", subscription: { ...good, keys: { ...good.keys, auth: "c2hvcnQ" } } },
        "subscription.keys.auth",
      ],
      [{ platform: "windows", token: apnsToken() }, "platform"],
      [{ platform: "ios", token: apnsToken(), color: "red" }, "(body)"],
      [{ platform: "ios", token: apnsToken(), externalId: "" }, "externalId"],
    ];
    for (const [body, field] of cases) {
      await expectProblem(await register(body), 400, field);
    }
    expect(await deviceCount(app)).toBe(0);
    expect(await getDb().subscriber.count({ where: { appId: app.id } })).toBe(0);
  });

  it("needs the ingest scope", async () => {
    const { app, register } = await setup();
    const readKey = await createTestApiKey(app, ["read", "send"]);
    await expectProblem(await register({ platform: "ios", token: apnsToken() }, readKey), 403);
    expect(await deviceCount(app)).toBe(0);
  });
});

describe("/api/v1/devices/{id}", () => {
  it("opts a device out, marks it a test device, and reads it", async () => {
    const { key, register } = await setup();
    const device = await json<DeviceBody>(await register({ platform: "ios", token: apnsToken() }));
    const params = { deviceId: device.id };
    const marked = await callRoute(patchDeviceRoute, {
      method: "PATCH",
      path: `/api/v1/devices/${device.id}`,
      params,
      as: { apiKey: key },
      body: { isTestDevice: true },
    });
    expect((await json<DeviceBody>(marked)).isTestDevice).toBe(true);
    const out = await callRoute(optOutRoute, {
      method: "DELETE",
      path: `/api/v1/devices/${device.id}`,
      params,
      as: { apiKey: key },
    });
    expect(out.status).toBe(200);
    const optedOut = await json<DeviceBody>(out);
    expect(optedOut.status).toBe("unsubscribed");
    expect(optedOut.optedOutAt).not.toBeNull();
    const read = await callRoute(getDeviceRoute, {
      path: `/api/v1/devices/${device.id}`,
      params,
      as: { apiKey: key },
    });
    expect(await json(read)).toMatchObject({
      id: device.id,
      status: "unsubscribed",
      isTestDevice: true,
    });
    await expectProblem(
      await callRoute(patchDeviceRoute, {
        method: "PATCH",
        path: "/x",
        params,
        as: { apiKey: key },
        body: { isTestDevice: "yes" },
      }),
      400,
      "isTestDevice",
    );
  });

  it("answers 404 for another app's device and changes nothing", async () => {
    const a = await setup();
    const b = await setup();
    const device = await json<DeviceBody>(
      await b.register({ platform: "ios", token: apnsToken() }),
    );
    const params = { deviceId: device.id };
    await expectProblem(
      await callRoute(getDeviceRoute, { path: "/x", params, as: { apiKey: a.key } }),
      404,
    );
    await expectProblem(
      await callRoute(optOutRoute, { method: "DELETE", path: "/x", params, as: { apiKey: a.key } }),
      404,
    );
    await expectProblem(
      await callRoute(patchDeviceRoute, {
        method: "PATCH",
        path: "/x",
        params,
        as: { apiKey: a.key },
        body: { isTestDevice: true },
      }),
      404,
    );
    await expectProblem(
      await callRoute(getDeviceRoute, {
        path: "/x",
        params: { deviceId: "abc" },
        as: { apiKey: a.key },
      }),
      404,
    );
    const untouched = await getDb().device.findUniqueOrThrow({ where: { id: BigInt(device.id) } });
    expect(untouched.status).toBe("active");
    expect(untouched.isTestDevice).toBe(false);
  });
});
