import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { expect } from "vitest";
import { type ApiKeyScope, apiKeyScopes, type Permission } from "@/lib/auth/permissions";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { declaredRouteConfig } from "@/lib/http/route";
import { declaredSdkRouteConfig } from "@/lib/http/sdk-route";
import { createInvitation } from "@/lib/members/invitations";
import { apiOperations } from "@/lib/openapi/operations";
import {
  addMember,
  createTestApiKey,
  createTestApp,
  randomId,
  type TestApp,
  type TestUser,
} from "@/tests/support/factories";
import { callRoute } from "@/tests/support/http";
import { webSubscription } from "../api/support";

// What the security tests share: an app with a row of every kind, a
// snapshot of all its rows, and every /api/v1 route found on disk with what
// it declared, callable in-process.

export const roles: Role[] = ["owner", "admin", "marketer", "analyst", "developer"];

/** One app's rows: what must be unchanged after calls that were refused. */
export interface AppFixture {
  app: TestApp;
  members: Record<Role, TestUser>;
  keys: Record<ApiKeyScope, string>;
  params: Record<string, string>;
  sdkDeviceToken: string;
  deliveryId: string;
}

export async function buildFixture(): Promise<AppFixture> {
  const app = await createTestApp(`Matrix ${randomId(4)}`);
  const db = getDb();
  const members = { owner: app.owner } as Record<Role, TestUser>;
  for (const role of roles) if (role !== "owner") members[role] = await addMember(app.id, role);
  const keys = {} as Record<ApiKeyScope, string>;
  for (const scope of apiKeyScopes) keys[scope] = await createTestApiKey(app, [scope]);
  const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };

  const segment = await db.segment.create({
    data: {
      appId: app.id,
      name: `Everyone ${randomId(4)}`,
      definition: { version: 1, root: { type: "group", combinator: "and", children: [] } },
    },
  });
  const topic = await db.topic.create({
    data: { appId: app.id, key: `topic-${randomId(6)}`, name: "Deals" },
  });
  const externalId = `matrix-${randomId(8)}`;
  const subscriber = await db.subscriber.create({
    data: { appId: app.id, externalId, attributes: { first_name: "Ada" } },
  });
  const device = await db.device.create({
    data: {
      appId: app.id,
      subscriberId: subscriber.id,
      platform: "ios",
      address: randomId(64),
      optedInAt: new Date(),
      isTestDevice: true,
    },
  });
  const campaign = await createCampaign(
    app.id,
    createCampaignSchema.parse({
      name: "Matrix draft",
      variants: [{ content: { title: "A" } }, { content: { title: "B" } }],
    }),
    actor,
  );
  const notification = await db.campaign.create({
    data: { appId: app.id, name: "API send", status: "completed", source: "api" },
  });
  const delivery = await db.delivery.create({
    data: {
      appId: app.id,
      campaignId: notification.id,
      subscriberId: subscriber.id,
      deviceId: device.id,
      platform: "ios",
      status: "sent",
      sentAt: new Date(),
    },
  });
  const invitation = await createInvitation(
    app.id,
    { email: `invitee-${randomId(6)}@example.test`, role: "marketer" },
    "owner",
    actor,
  );
  const membership = await db.membership.findFirstOrThrow({
    where: { appId: app.id, userId: members.analyst.id },
  });
  const apiKey = await db.apiKey.findFirstOrThrow({ where: { appId: app.id } });
  // A browser registered through the SDK: its device token is what SDK routes check.
  const { POST: subscribe } = await import("@/app/api/v1/sdk/[publicId]/subscriptions/route");
  const registered = await callRoute(subscribe, {
    path: `/api/v1/sdk/${app.publicId}/subscriptions`,
    params: { publicId: app.publicId },
    body: { subscription: webSubscription(), externalId: `browser-${randomId(6)}` },
  });
  expect(registered.status).toBe(201);
  const { deviceToken } = (await registered.json()) as { deviceToken: string };
  return {
    app,
    members,
    keys,
    sdkDeviceToken: deviceToken,
    deliveryId: delivery.id.toString(),
    params: {
      appId: app.id,
      publicId: app.publicId,
      campaignId: campaign.id,
      segmentId: segment.id,
      topicId: topic.id,
      externalId,
      deviceId: device.id.toString(),
      notificationId: notification.id,
      invitationId: invitation.invitation.id,
      memberId: membership.id,
      keyId: apiKey.id,
      platform: "ios",
    },
  };
}

/** Every row belonging to an app, in a stable order (last-used and last-login stamps aside). */
export async function snapshot(appId: string): Promise<Record<string, unknown[]>> {
  const db = getDb();
  const tables = await db.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'appId' ORDER BY table_name`;
  const result: Record<string, unknown[]> = {};
  const read = async (name: string, sql: string) => {
    const rows = await db.$queryRawUnsafe<{ row: unknown }[]>(sql, appId);
    result[name] = rows.map((row) => row.row);
  };
  for (const { table_name: table } of tables) {
    await read(
      table,
      `SELECT to_jsonb(t) - 'lastUsedAt' AS row FROM "${table}" t WHERE "appId" = $1 ORDER BY to_jsonb(t)::text`,
    );
  }
  await read("apps", `SELECT to_jsonb(a) AS row FROM apps a WHERE id = $1`);
  await read(
    "variants",
    `SELECT to_jsonb(v) AS row FROM variants v JOIN campaigns c ON c.id = v."campaignId"
     WHERE c."appId" = $1 ORDER BY v.id`,
  );
  await read(
    "subscriber_topic_preferences",
    `SELECT to_jsonb(p) AS row FROM subscriber_topic_preferences p
     JOIN subscribers s ON s.id = p."subscriberId" WHERE s."appId" = $1 ORDER BY to_jsonb(p)::text`,
  );
  await read(
    "users",
    `SELECT to_jsonb(u) - 'lastLoginAt' AS row FROM users u JOIN memberships m ON m."userId" = u.id
     WHERE m."appId" = $1 ORDER BY u.id`,
  );
  return result;
}

export const apiRoot = join(import.meta.dirname, "../../../app/api/v1");
export const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof methods)[number];
export type Handler = Parameters<typeof callRoute>[0];

/** Bodies for routes the public reference has no example for (the dashboard's own routes). */
export const extraBodies: Record<string, unknown> = {
  "PATCH /api/v1/apps/{appId}/members/{memberId}": { role: "analyst" },
  "PUT /api/v1/apps/{appId}/credentials/{platform}": {},
  "POST /api/v1/apps/{appId}/api-keys": { name: "matrix", scopes: ["read"] },
  "POST /api/v1/apps/{appId}/invitations": { email: "matrix@example.test", role: "analyst" },
  "DELETE /api/v1/apps/{appId}": { confirmName: "not the name" },
};

/** Query strings some routes need, from the ids of the app the call is about. */
export const queries: Record<string, (params: Record<string, string>) => string> = {
  "GET /api/v1/campaigns/key-numbers": (params) => `ids=${params.campaignId}`,
};

export interface Route {
  key: string;
  template: string;
  method: Method;
  handler: Handler;
  auth: "session" | "apiKey" | "either" | "public" | "sdk";
  permission?: Permission;
  scope?: ApiKeyScope;
  appScoped: boolean;
  sdkDevice?: "required" | "optional";
}

function routeFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return entry.name === "route.ts" ? [path] : [];
  });
}

function templateOf(file: string): string {
  const folders = relative(apiRoot, file).split("/").slice(0, -1);
  return ["/api/v1", ...folders.map((folder) => folder.replace(/^\[(.+)\]$/, "{$1}"))].join("/");
}

export async function discoverRoutes(): Promise<Route[]> {
  const routes: Route[] = [];
  for (const file of routeFiles(apiRoot)) {
    const module = (await import(file)) as Record<string, unknown>;
    const template = templateOf(file);
    for (const method of methods) {
      const handler = module[method];
      if (typeof handler !== "function") continue;
      const key = `${method} ${template}`;
      const app = declaredRouteConfig(handler);
      const sdk = declaredSdkRouteConfig(handler);
      if (app) {
        routes.push({
          key,
          template,
          method,
          handler: handler as Handler,
          auth: app.auth,
          permission: app.permission,
          scope: app.scope,
          appScoped: app.appScoped ?? app.auth !== "public",
        });
      } else if (sdk) {
        routes.push({
          key,
          template,
          method,
          handler: handler as Handler,
          auth: "sdk",
          appScoped: false,
          sdkDevice: sdk.device,
        });
      } else {
        throw new Error(`${key} is not built with appRoute/openRoute/sdkRoute`);
      }
    }
  }
  return routes;
}

export function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? `missing-${name}`),
  );
}

export const examples = new Map(
  apiOperations.map((operation) => [`${operation.method} ${operation.path}`, operation.example]),
);

export function bodyFor(route: Route): unknown {
  if (route.key in extraBodies) return extraBodies[route.key];
  if (route.method === "GET" || route.method === "DELETE") return undefined;
  return examples.get(route.key) ?? {};
}

export type Credentials = { user: TestUser } | { apiKey: string } | undefined;

/**
 * Calls `route` with `credentials`. `appId` is the app the call names (path
 * or query for members, query for keys); `params` fill the path's other parameters.
 */
export async function call(
  route: Route,
  credentials: Credentials,
  appId: string | null,
  params: Record<string, string>,
): Promise<Response> {
  const filled: Record<string, string> = appId ? { ...params, appId } : { ...params };
  let path = fill(route.template, filled);
  const search = new URLSearchParams(queries[route.key]?.(filled));
  if (appId && !route.template.includes("{appId}")) search.set("appId", appId);
  if (search.size) path += `?${search}`;
  return callRoute(route.handler, {
    method: route.method,
    path,
    params: Object.fromEntries(
      [...route.template.matchAll(/\{(\w+)\}/g)].map(([, name]) => [
        name as string,
        filled[name as string] ?? "",
      ]),
    ),
    body: bodyFor(route),
    as: credentials,
    // Our own origin, so a refusal is about who calls, not where from.
    headers: credentials && "user" in credentials ? {} : { origin: "http://localhost:3000" },
  });
}
