import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DELETE as revokeKeyRoute } from "@/app/api/v1/apps/[appId]/api-keys/[keyId]/route";
import {
  POST as createKeyRoute,
  GET as listKeysRoute,
} from "@/app/api/v1/apps/[appId]/api-keys/route";
import { GET as listCredentialsRoute } from "@/app/api/v1/apps/[appId]/credentials/route";
import {
  DELETE as deleteAppRoute,
  GET as getAppRoute,
  PATCH as patchAppRoute,
} from "@/app/api/v1/apps/[appId]/route";
import { POST as createAppRoute } from "@/app/api/v1/apps/route";
import type { ApiKeyDto } from "@/lib/api-keys/api-keys";
import type { AppDto } from "@/lib/apps/app-dto";
import type { CredentialDto } from "@/lib/credentials/credentials";
import { loadCredentialSecret } from "@/lib/credentials/credentials";
import { getDb } from "@/lib/db/client";
import type { ProblemBody } from "@/lib/http/problem";
import {
  addMember,
  createTestApiKey,
  createTestApp,
  createUser,
  type TestApp,
} from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";

function patchApp(app: TestApp, as: Parameters<typeof callRoute>[1]["as"], body: unknown) {
  return callRoute(patchAppRoute, {
    method: "PATCH",
    path: `/api/v1/apps/${app.id}`,
    params: { appId: app.id },
    as,
    body,
  });
}

function getApp(app: TestApp, as: Parameters<typeof callRoute>[1]["as"]) {
  return callRoute(getAppRoute, { path: `/api/v1/apps/${app.id}`, params: { appId: app.id }, as });
}

describe("apps", () => {
  it("creates an app owned by the caller, with web push credentials ready", async () => {
    const user = await createUser();
    const response = await callRoute(createAppRoute, {
      path: "/api/v1/apps",
      as: { user },
      body: {
        name: "Acme Shop",
        defaultTimezone: "Europe/Paris",
        allowedOrigins: ["https://shop.example.com"],
      },
    });
    expect(response.status).toBe(201);
    const app = await json<AppDto>(response);
    expect(app).toMatchObject({
      name: "Acme Shop",
      role: "owner",
      defaultTimezone: "Europe/Paris",
      allowedOrigins: ["https://shop.example.com"],
      frequencyCaps: { marketingPerDay: 1, marketingPerWeek: 5, transactionalPerDay: null },
      quietHours: null,
      attributionWindowHours: 24,
    });
    expect(app.publicId).toMatch(/^app_[\w-]{16}$/);

    const credentials = await callRoute(listCredentialsRoute, {
      path: `/api/v1/apps/${app.id}/credentials`,
      params: { appId: app.id },
      as: { user },
    });
    const { data } = await json<{ data: CredentialDto[] }>(credentials);
    expect(data.map((credential) => [credential.platform, credential.status])).toEqual([
      ["web", "ok"],
      ["ios", "missing"],
      ["android", "missing"],
    ]);
    expect(data[0]?.details).toMatchObject({ subject: `mailto:${user.email}`, generated: true });
    const secret = await loadCredentialSecret(app.id, "web");
    expect(secret?.publicKey).toBe(data[0]?.details.publicKey);
    expect(secret?.privateKey).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(data)).not.toContain(secret?.privateKey);
  });

  it("saves settings and blames each bad field by its path", async () => {
    const app = await createTestApp();
    const saved = await patchApp(
      app,
      { user: app.owner },
      {
        name: "Renamed",
        allowedOrigins: ["https://a.example", "http://localhost:8080"],
        frequencyCaps: { marketingPerDay: 2, marketingPerWeek: 7, transactionalPerDay: null },
        quietHours: { startHour: 22, endHour: 7 },
        attributionWindowHours: 48,
      },
    );
    expect(saved.status).toBe(200);
    expect(await json<AppDto>(saved)).toMatchObject({
      name: "Renamed",
      quietHours: { startHour: 22, endHour: 7 },
      frequencyCaps: { marketingPerDay: 2, marketingPerWeek: 7, transactionalPerDay: null },
      attributionWindowHours: 48,
      role: "owner",
    });

    const bad = await patchApp(
      app,
      { user: app.owner },
      {
        allowedOrigins: ["https://ok.example", "https://bad.example/path"],
        frequencyCaps: { marketingPerDay: -1, marketingPerWeek: 7, transactionalPerDay: 0 },
        quietHours: { startHour: 5, endHour: 5 },
        defaultTimezone: "Mars/Olympus",
      },
    );
    expect(bad.status).toBe(400);
    const fields = (await json<ProblemBody>(bad)).errors?.map((error) => error.field).sort();
    expect(fields).toEqual([
      "allowedOrigins.1",
      "defaultTimezone",
      "frequencyCaps.marketingPerDay",
      "frequencyCaps.transactionalPerDay",
      "quietHours.endHour",
    ]);
    expect((await json<AppDto>(await getApp(app, { user: app.owner }))).name).toBe("Renamed");

    // A daily cap above the weekly one would never apply.
    const inverted = await patchApp(
      app,
      { user: app.owner },
      { frequencyCaps: { marketingPerDay: 30, marketingPerWeek: 5, transactionalPerDay: null } },
    );
    expect(inverted.status).toBe(400);
    expect((await json<ProblemBody>(inverted)).errors?.map((error) => error.field)).toEqual([
      "frequencyCaps.marketingPerDay",
    ]);
    expect((await json<AppDto>(await getApp(app, { user: app.owner }))).frequencyCaps).toEqual({
      marketingPerDay: 2,
      marketingPerWeek: 7,
      transactionalPerDay: null,
    });

    // Turning quiet hours off clears them.
    const off = await patchApp(app, { user: app.owner }, { quietHours: null });
    expect((await json<AppDto>(off)).quietHours).toBeNull();
  });

  it("lets only roles with app:update change settings", async () => {
    const app = await createTestApp();
    for (const role of ["marketer", "analyst", "developer"] as const) {
      const member = await addMember(app.id, role);
      expect((await patchApp(app, { user: member }, { name: "Nope" })).status).toBe(403);
    }
    const admin = await addMember(app.id, "admin");
    expect((await patchApp(app, { user: admin }, { name: "Admin was here" })).status).toBe(200);
  });

  it("deletes an app only for an owner who types its name", async () => {
    const app = await createTestApp();
    const admin = await addMember(app.id, "admin");
    const remove = (as: typeof admin, confirmName: string) =>
      callRoute(deleteAppRoute, {
        method: "DELETE",
        path: `/api/v1/apps/${app.id}`,
        params: { appId: app.id },
        as: { user: as },
        body: { confirmName },
      });
    expect((await remove(admin, app.name)).status).toBe(403);
    const mistyped = await remove(app.owner, `${app.name}x`);
    expect(mistyped.status).toBe(400);
    expect((await json<ProblemBody>(mistyped)).errors?.[0]?.field).toBe("confirmName");
    expect((await remove(app.owner, app.name)).status).toBe(204);
    expect(await getDb().app.count({ where: { id: app.id } })).toBe(0);
    expect((await getApp(app, { user: app.owner })).status).toBe(404);
  });
});

describe("API keys", () => {
  it("shows the key once and stores only its sha256 hash", async () => {
    const app = await createTestApp();
    const response = await callRoute(createKeyRoute, {
      path: `/api/v1/apps/${app.id}/api-keys`,
      params: { appId: app.id },
      as: { user: app.owner },
      body: { name: "Backend", scopes: ["send", "read", "send"] },
    });
    expect(response.status).toBe(201);
    const { key, apiKey } = await json<{ key: string; apiKey: ApiKeyDto }>(response);
    expect(key).toMatch(/^hk_[\w-]{43}$/);
    expect(apiKey).toMatchObject({
      name: "Backend",
      prefix: key.slice(0, 11),
      scopes: ["send", "read"],
    });
    expect(apiKey.lastUsedAt).toBeNull();

    const rows = await getDb().$queryRawUnsafe<Record<string, unknown>[]>(
      `select * from api_keys where id = $1`,
      apiKey.id,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.hash).toBe(createHash("sha256").update(key).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(JSON.stringify(rows)).not.toContain(key.slice(11));

    const listed = await callRoute(listKeysRoute, {
      path: `/api/v1/apps/${app.id}/api-keys`,
      params: { appId: app.id },
      as: { user: app.owner },
    });
    const listedText = await listed.text();
    expect(listedText).toContain(apiKey.prefix);
    expect(listedText).not.toContain(key);
    expect(listedText).not.toContain(rows[0]?.hash as string);
  });

  it("authenticates with the key, records its use, and stops at once when revoked", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["read"]);
    const ok = await getApp(app, { apiKey: key });
    expect(ok.status).toBe(200);
    expect(await json<AppDto>(ok)).toMatchObject({ id: app.id, role: null });
    const stored = await getDb().apiKey.findFirstOrThrow({ where: { appId: app.id } });
    expect(stored.lastUsedAt).toBeInstanceOf(Date);

    const revoked = await callRoute(revokeKeyRoute, {
      method: "DELETE",
      path: `/api/v1/apps/${app.id}/api-keys/${stored.id}`,
      params: { appId: app.id, keyId: stored.id },
      as: { user: app.owner },
    });
    expect(revoked.status).toBe(200);
    expect((await json<ApiKeyDto>(revoked)).revokedAt).not.toBeNull();
    const refused = await getApp(app, { apiKey: key });
    expect(refused.status).toBe(401);
    expect((await json<ProblemBody>(refused)).code).toBe("unauthorized");
  });

  it("enforces scopes: a read key reads but cannot change the app", async () => {
    const app = await createTestApp();
    const readKey = await createTestApiKey(app, ["read"]);
    const sendKey = await createTestApiKey(app, ["send"]);
    const adminKey = await createTestApiKey(app, ["admin"]);
    const forbidden = await patchApp(app, { apiKey: readKey }, { name: "Hijacked" });
    expect(forbidden.status).toBe(403);
    expect((await json<ProblemBody>(forbidden)).detail).toContain("admin");
    expect((await getApp(app, { apiKey: sendKey })).status).toBe(403);
    expect((await patchApp(app, { apiKey: adminKey }, { name: "By admin key" })).status).toBe(200);
    expect((await getApp(app, { apiKey: readKey })).status).toBe(200);
  });

  it("refuses malformed and unknown keys, and keys on session-only routes", async () => {
    const app = await createTestApp();
    expect((await getApp(app, { apiKey: "hk_short" })).status).toBe(401);
    expect((await getApp(app, { apiKey: `hk_${"x".repeat(43)}` })).status).toBe(401);
    const adminKey = await createTestApiKey(app, ["admin"]);
    const listed = await callRoute(listKeysRoute, {
      path: `/api/v1/apps/${app.id}/api-keys`,
      params: { appId: app.id },
      as: { apiKey: adminKey },
    });
    expect(listed.status).toBe(401);
  });

  it("lets a developer create send, ingest and read keys but not an admin key, which would change the app's settings", async () => {
    const app = await createTestApp();
    const developer = await addMember(app.id, "developer");
    const create = (scopes: string[]) =>
      callRoute(createKeyRoute, {
        path: `/api/v1/apps/${app.id}/api-keys`,
        params: { appId: app.id },
        as: { user: developer },
        body: { name: `Dev ${scopes.join("+")}`, scopes },
      });
    const keysBefore = await getDb().apiKey.count({ where: { appId: app.id } });
    for (const scopes of [["admin"], ["read", "admin"]]) {
      const refused = await create(scopes);
      expect(refused.status).toBe(403);
      expect((await json<ProblemBody>(refused)).errors?.[0]?.field).toBe("scopes");
    }
    expect(await getDb().apiKey.count({ where: { appId: app.id } })).toBe(keysBefore);
    expect((await create(["send", "ingest", "read"])).status).toBe(201);
    // An owner may create what a developer may not.
    const byOwner = await callRoute(createKeyRoute, {
      path: `/api/v1/apps/${app.id}/api-keys`,
      params: { appId: app.id },
      as: { user: app.owner },
      body: { name: "Admin", scopes: ["admin"] },
    });
    expect(byOwner.status).toBe(201);
  });

  it("does not let a marketer or analyst see keys", async () => {
    const app = await createTestApp();
    for (const role of ["marketer", "analyst"] as const) {
      const member = await addMember(app.id, role);
      const response = await callRoute(listKeysRoute, {
        path: `/api/v1/apps/${app.id}/api-keys`,
        params: { appId: app.id },
        as: { user: member },
      });
      expect(response.status).toBe(403);
    }
  });
});
