import { describe, expect, it } from "vitest";
import {
  DELETE as optOutRoute,
  POST as subscribeRoute,
  OPTIONS as subscriptionsPreflight,
} from "@/app/api/v1/sdk/[publicId]/subscriptions/route";
import { getDb } from "@/lib/db/client";
import { createTestApp, type TestApp } from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";
import { expectProblem, webSubscription } from "../api/support";

// The web SDK reports a revoked notification permission (or herald.unsubscribe())
// with DELETE /subscriptions; the same browser subscribing again gets its device back.
const shopOrigin = "https://shop.example.com";

async function shopApp(): Promise<TestApp> {
  const app = await createTestApp();
  await getDb().app.update({ where: { id: app.id }, data: { allowedOrigins: [shopOrigin] } });
  return app;
}

function sdkCall(
  handler: Parameters<typeof callRoute>[0],
  app: TestApp,
  options: { method: string; body?: unknown; token?: string },
) {
  return callRoute(handler, {
    method: options.method,
    path: `/api/v1/sdk/${app.publicId}/subscriptions`,
    params: { publicId: app.publicId },
    body: options.body,
    headers: {
      origin: shopOrigin,
      ...(options.token ? { "x-herald-device-token": options.token } : {}),
    },
  });
}

async function subscribe(app: TestApp, subscription: unknown, token?: string) {
  const response = await sdkCall(subscribeRoute, app, {
    method: "POST",
    body: { subscription },
    token,
  });
  expect([200, 201]).toContain(response.status);
  return json<{ deviceId: string; deviceToken: string }>(response);
}

describe("SDK opt-out", () => {
  it("marks the browser's device unsubscribed, and a new subscription re-activates the same device", async () => {
    const app = await shopApp();
    const first = await subscribe(app, webSubscription());
    const optedOut = await sdkCall(optOutRoute, app, {
      method: "DELETE",
      token: first.deviceToken,
    });
    expect(optedOut.status).toBe(204);
    expect(optedOut.headers.get("access-control-allow-origin")).toBe(shopOrigin);
    const db = getDb();
    const device = await db.device.findUniqueOrThrow({ where: { id: BigInt(first.deviceId) } });
    expect(device.status).toBe("unsubscribed");
    expect(device.optedOutAt).not.toBeNull();

    // Twice is harmless and keeps the first time.
    await sdkCall(optOutRoute, app, { method: "DELETE", token: first.deviceToken });
    const still = await db.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(still.optedOutAt).toEqual(device.optedOutAt);

    // Permission granted again: the browser got a new endpoint and sends its token along.
    const renewed = webSubscription();
    const again = await subscribe(app, renewed, first.deviceToken);
    expect(again.deviceId).toBe(first.deviceId);
    const back = await db.device.findUniqueOrThrow({ where: { id: device.id } });
    expect(back.status).toBe("active");
    expect(back.optedOutAt).toBeNull();
    expect(back.address).toBe(renewed.endpoint);
    expect(await db.device.count({ where: { appId: app.id } })).toBe(1);
  });

  it("needs this device's token, and the preflight allows DELETE", async () => {
    const app = await shopApp();
    const browser = await subscribe(app, webSubscription());
    await expectProblem(await sdkCall(optOutRoute, app, { method: "DELETE" }), 401);
    const other = await shopApp();
    const foreign = await subscribe(other, webSubscription());
    await expectProblem(
      await sdkCall(optOutRoute, app, { method: "DELETE", token: foreign.deviceToken }),
      401,
    );
    const device = await getDb().device.findUniqueOrThrow({
      where: { id: BigInt(browser.deviceId) },
    });
    expect(device.status).toBe("active");

    const preflight = await sdkCall(subscriptionsPreflight, app, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("DELETE");
  });
});
