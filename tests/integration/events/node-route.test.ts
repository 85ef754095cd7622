import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { issueDeviceToken } from "@/lib/devices/sdk-device-token";
import { hotRouteFor } from "@/lib/http/hot-routes";
import type { ProblemBody } from "@/lib/http/problem";
import { getRedis, redisKey } from "@/lib/redis";
import { createTestApiKey, createTestApp } from "@/tests/support/factories";
import { seedSentCampaign } from "../api/support";

// The web server (workers/web-server.ts) hands POST /api/v1/events and the
// SDK's receipts to their route wrappers outside Next (lib/http/hot-routes.ts).
// Served here by a plain node:http server routing the same way, they must
// answer exactly as the App Router routes do; every other path is Next's.

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const hot = hotRouteFor(req.url ?? "/");
    if (hot) return void hot(req, res);
    res.statusCode = 418;
    res.end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  // fetch keeps its connections alive; close them rather than wait for their timeout.
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function post(body: string, headers: Record<string, string>, path = "/api/v1/events") {
  return fetch(`${base}${path}?from=test`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

describe("POST /api/v1/events outside Next", () => {
  it("stores events and answers errors as problem+json at the public path", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["ingest"]);
    const auth = { authorization: `Bearer ${key}` };
    const events = [{ externalId: "node-1", name: "page_viewed", properties: { path: "/" } }];

    const stored = await post(JSON.stringify({ events }), auth);
    expect(stored.status).toBe(200);
    expect(stored.headers.get("x-request-id")).toBeTruthy();
    expect(await stored.json()).toEqual({ accepted: 1, duplicates: 0 });
    expect(await getDb().event.count({ where: { appId: app.id } })).toBe(1);

    const invalid = await post(JSON.stringify({ events: [{ ...events[0], colour: 1 }] }), auth);
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await invalid.json()) as ProblemBody;
    expect(problem.instance).toBe("/api/v1/events");
    expect(problem.errors?.[0]?.field).toBe("events.0");

    expect((await post(JSON.stringify({ events }), {})).status).toBe(401);
    const readKey = await createTestApiKey(app, ["read"]);
    expect(
      (await post(JSON.stringify({ events }), { authorization: `Bearer ${readKey}` })).status,
    ).toBe(403);
    expect(await getDb().event.count({ where: { appId: app.id } })).toBe(1);
  });

  it("refuses a body over the route's limit with 413, and other methods with 405", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["ingest"]);
    const huge = JSON.stringify({
      events: [{ externalId: "u", name: "x", note: "y".repeat(2_200_000) }],
    });
    const tooLarge = await post(huge, { authorization: `Bearer ${key}` });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get("connection")).toBe("close");
    expect(((await tooLarge.json()) as ProblemBody).code).toBe("payload_too_large");

    const get = await fetch(`${base}/api/v1/events`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("OPTIONS, POST");
  });

  it("takes only the hot paths: Next serves the rest, near misses included", async () => {
    const status = async (path: string) => (await fetch(`${base}${path}`)).status;
    expect(await status("/api/v1/events")).toBe(405);
    expect(await status("/api/v1/events?x=1")).toBe(405);
    expect(await status("/api/v1/sdk/app_1/receipts")).toBe(405);
    for (const path of [
      "/api/v1/events/",
      "/api/v1/eventsx",
      "/api/v1/sdk/app_1/receipts/",
      "/api/v1/sdk/a/b/receipts",
      "/api/v1/sdk/app_1/config",
      "/api/v1/notifications",
      "/",
      "/%E0%A4%A",
    ]) {
      expect(await status(path), path).toBe(418);
    }
  });

  it("answers an API path it cannot decode with a problem, not Next's plain-text 500", async () => {
    for (const path of ["/api/v1/subscribers/%E0%A4%A", "/api/v1/sdk/%E0%A4%A/receipts"]) {
      const response = await fetch(`${base}${path}`, { method: "PUT" });
      expect(response.status, path).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      const problem = (await response.json()) as ProblemBody;
      expect(problem.detail).toMatch(/percent-encoding/);
      // Like every other problem: where it happened, and the id to quote to support.
      expect(problem.instance).toBe(path);
      expect(problem.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.get("x-request-id")).toBe(problem.requestId);
    }
  });
});

describe("POST /api/v1/sdk/{publicId}/receipts outside Next", () => {
  const origin = "https://shop.example.com";

  it("answers the preflight with CORS headers and records a receipt at the public path", async () => {
    const app = await createTestApp();
    await getDb().app.update({ where: { id: app.id }, data: { allowedOrigins: [origin] } });
    const url = `${base}/api/v1/sdk/${app.publicId}/receipts`;

    const preflight = await fetch(url, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(origin);

    const { recipients } = await seedSentCampaign(app, 1);
    const recipient = recipients[0];
    const device = issueDeviceToken(recipient?.deviceId ?? 0n);
    await getDb().device.update({
      where: { id: recipient?.deviceId },
      data: { sdkTokenHash: device.hash },
    });
    const post = (body: unknown, token = device.token) =>
      fetch(url, {
        method: "POST",
        headers: { origin, "content-type": "application/json", "x-herald-device-token": token },
        body: JSON.stringify(body),
      });
    const recorded = await post({ deliveryId: String(recipient?.deliveryId), type: "delivered" });
    expect(recorded.status).toBe(200);
    expect(recorded.headers.get("access-control-allow-origin")).toBe(origin);
    expect(await recorded.json()).toEqual({ recorded: true });
    const delivery = await getDb().delivery.findUniqueOrThrow({
      where: { id: recipient?.deliveryId },
    });
    expect(delivery.deliveredAt).not.toBeNull();

    // No proxy named the client, so the connection's address is the rate-limit bucket's.
    const buckets = await getRedis().keys(redisKey("ratelimit", `sdk:${app.publicId}:*`));
    expect(buckets.map((key) => key.split(":").slice(-3, -2)[0])).toContain("127.0.0.1");
    expect(buckets.join()).not.toContain(":unknown:");

    const unknown = await post({ deliveryId: "999999999", type: "delivered" });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ProblemBody).instance).toBe(
      `/api/v1/sdk/${app.publicId}/receipts`,
    );
  });
});
