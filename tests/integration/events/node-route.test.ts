import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { NextConfig } from "next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import {
  OPTIONS as receiptsOptions,
  POST as receiptsPost,
} from "@/app/api/v1/sdk/[publicId]/receipts/route";
import { getDb } from "@/lib/db/client";
import { issueDeviceToken } from "@/lib/devices/sdk-device-token";
import { nodeRoute } from "@/lib/http/node-route";
import type { ProblemBody } from "@/lib/http/problem";
import { createTestApiKey, createTestApp } from "@/tests/support/factories";
import { seedSentCampaign } from "../api/support";

// POST /api/v1/events reaches the route wrapper through a Pages API route
// (lib/http/node-route.ts). Served here by a plain node:http server with the
// same handler, it must answer exactly as the App Router route does.

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer(nodeRoute({ POST }, "/api/v1/events"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  // fetch keeps its connections alive; close them rather than wait for their timeout.
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function post(body: string, headers: Record<string, string>, path = "/api/hot/v1/events") {
  return fetch(`${base}${path}?from=test`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

describe("POST /api/v1/events through the Pages API route", () => {
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
    expect(((await tooLarge.json()) as ProblemBody).code).toBe("payload_too_large");

    const get = await fetch(`${base}/api/hot/v1/events`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("OPTIONS, POST");
  });

  it("is where next.config.js sends /api/v1/events and the SDK's receipts", async () => {
    const root = join(import.meta.dirname, "../../..");
    const config = (await import(join(root, "next.config.js"))) as { default: NextConfig };
    const rewrites = await config.default.rewrites?.();
    const beforeFiles = rewrites && !Array.isArray(rewrites) ? rewrites.beforeFiles : [];
    const destination = (source: string) =>
      beforeFiles?.find((entry) => entry.source === source)?.destination;
    expect(destination("/api/v1/events")).toBe("/api/hot/v1/events");
    expect(existsSync(join(root, "pages/api/hot/v1/events.ts"))).toBe(true);
    expect(destination("/api/v1/sdk/:publicId/receipts")).toBe(
      "/api/hot/v1/sdk/:publicId/receipts",
    );
    expect(existsSync(join(root, "pages/api/hot/v1/sdk/[publicId]/receipts.ts"))).toBe(true);
  });
});

describe("POST /api/v1/sdk/{publicId}/receipts through the Pages API route", () => {
  let sdkServer: Server;
  let sdkBase: string;
  const origin = "https://shop.example.com";

  beforeAll(async () => {
    const serve = nodeRoute(
      { POST: receiptsPost, OPTIONS: receiptsOptions },
      "/api/v1/sdk/[publicId]/receipts",
    );
    // Next's router hands the Pages route its dynamic segments as query values.
    sdkServer = createServer((req, res) => {
      const [, publicId] = /^\/api\/hot\/v1\/sdk\/([^/]+)\/receipts/.exec(req.url ?? "") ?? [];
      return serve(Object.assign(req, { query: { publicId } }), res);
    });
    await new Promise<void>((resolve) => sdkServer.listen(0, "127.0.0.1", resolve));
    sdkBase = `http://127.0.0.1:${(sdkServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    sdkServer.closeAllConnections();
    await new Promise((resolve) => sdkServer.close(resolve));
  });

  it("answers the preflight with CORS headers and records a receipt at the public path", async () => {
    const app = await createTestApp();
    await getDb().app.update({ where: { id: app.id }, data: { allowedOrigins: [origin] } });
    const url = `${sdkBase}/api/hot/v1/sdk/${app.publicId}/receipts`;

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

    const unknown = await post({ deliveryId: "999999999", type: "delivered" });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ProblemBody).instance).toBe(
      `/api/v1/sdk/${app.publicId}/receipts`,
    );
  });
});
