import { describe, expect, it } from "vitest";
import { GET as auditLogRoute } from "@/app/api/v1/apps/[appId]/audit-log/route";
import { PATCH as patchAppRoute } from "@/app/api/v1/apps/[appId]/route";
import { deleteApp } from "@/lib/apps/delete-app";
import type { AuditEntryDto } from "@/lib/audit/list-audit-log";
import { getDb } from "@/lib/db/client";
import { createSegment } from "@/lib/segments/create-segment";
import { deleteSegment } from "@/lib/segments/delete-segment";
import { createSegmentSchema } from "@/lib/segments/schemas";
import { updateSegment } from "@/lib/segments/update-segment";
import {
  addMember,
  createTestApiKey,
  createTestApp,
  type TestApp,
} from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";

type Page = { data: AuditEntryDto[]; nextCursor: string | null };

async function readPage(app: TestApp, query = ""): Promise<Page> {
  const response = await callRoute(auditLogRoute, {
    path: `/api/v1/apps/${app.id}/audit-log${query}`,
    params: { appId: app.id },
    as: { user: app.owner },
  });
  expect(response.status).toBe(200);
  return json<Page>(response);
}

async function rename(app: TestApp, name: string) {
  const response = await callRoute(patchAppRoute, {
    method: "PATCH",
    path: `/api/v1/apps/${app.id}`,
    params: { appId: app.id },
    as: { user: app.owner },
    body: { name },
  });
  expect(response.status).toBe(200);
}

describe("audit log", () => {
  it("records who changed what, newest first, and pages with a cursor", async () => {
    const app = await createTestApp();
    await createTestApiKey(app, ["read"]);
    for (let index = 0; index < 4; index += 1) await rename(app, `Name ${index}`);

    const first = await readPage(app, "?limit=3");
    expect(first.data.map((entry) => entry.action)).toEqual([
      "app.updated",
      "app.updated",
      "app.updated",
    ]);
    expect(first.data[0]).toMatchObject({
      actor: app.owner.email,
      targetType: "app",
      targetId: app.id,
    });
    expect(first.data[0]?.metadata).toEqual({ fields: ["name"] });
    expect(first.nextCursor).toBe(first.data[2]?.id);

    const second = await readPage(app, `?limit=3&cursor=${first.nextCursor}`);
    expect(second.data.map((entry) => entry.action)).toEqual([
      "app.updated",
      "api_key.created",
      "app.created",
    ]);
    expect(second.nextCursor).toBeNull();
    // Targets by what they are called now, not by id.
    const key = await getDb().apiKey.findFirstOrThrow({ where: { appId: app.id } });
    expect(first.data[0]?.targetName).toBe("Name 3");
    expect(second.data[1]).toMatchObject({ targetId: key.id, targetName: key.name });
    const ids = [...first.data, ...second.data].map((entry) => BigInt(entry.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
  });

  it("names a deleted target as it was called, and a renamed one as it is called now", async () => {
    const app = await createTestApp();
    const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
    const definition = createSegmentSchema.shape.definition.parse({
      version: 1,
      root: { type: "group", combinator: "and", children: [] },
    });
    const gone = await createSegment(app.id, { name: "Winter buyers", definition }, actor);
    await deleteSegment(app.id, gone.id, actor);
    const kept = await createSegment(app.id, { name: "Draft name", definition }, actor);
    await updateSegment(app.id, kept.id, { name: "Spring buyers" }, actor);

    const { data } = await readPage(app);
    const about = (id: string) => data.filter((entry) => entry.targetId === id);
    expect(about(gone.id).map((entry) => entry.targetName)).toEqual([
      "Winter buyers",
      "Winter buyers",
    ]);
    expect(about(kept.id).map((entry) => entry.targetName)).toEqual([
      "Spring buyers",
      "Spring buyers",
    ]);
  });

  it("refuses roles without audit:read and bad cursors", async () => {
    const app = await createTestApp();
    const marketer = await addMember(app.id, "marketer");
    const refused = await callRoute(auditLogRoute, {
      path: `/api/v1/apps/${app.id}/audit-log`,
      params: { appId: app.id },
      as: { user: marketer },
    });
    expect(refused.status).toBe(403);
    const bad = await callRoute(auditLogRoute, {
      path: `/api/v1/apps/${app.id}/audit-log?cursor=abc`,
      params: { appId: app.id },
      as: { user: app.owner },
    });
    expect(bad.status).toBe(400);
  });

  it("is append-only: raw UPDATE and DELETE are refused by the trigger", async () => {
    const app = await createTestApp();
    const db = getDb();
    const before = await db.auditLogEntry.findMany({ where: { appId: app.id } });
    expect(before.length).toBeGreaterThan(0);

    await expect(
      db.$executeRawUnsafe(`update audit_log set action = 'tampered' where "appId" = $1`, app.id),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.$executeRawUnsafe(`delete from audit_log where "appId" = $1`, app.id),
    ).rejects.toThrow(/append-only/);
    // Naming another app in the escape hatch does not help either.
    const other = await createTestApp();
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`select set_config('herald.deleting_app', ${other.id}, true)`;
        await tx.$executeRawUnsafe(`delete from audit_log where "appId" = $1`, app.id);
      }),
    ).rejects.toThrow(/append-only/);

    expect(await db.auditLogEntry.findMany({ where: { appId: app.id } })).toEqual(before);
  });

  it("is append-only against TRUNCATE too, which row triggers never see", async () => {
    const app = await createTestApp();
    const db = getDb();
    // Rolled back whatever happens, so a truncate that got through empties nothing for
    // other tests; the lock timeout keeps a busy log from stalling the suite.
    const attempt = db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("set local lock_timeout = '10s'");
      await tx.$executeRawUnsafe("truncate audit_log");
      throw new Error("truncated");
    });
    // (TRUNCATE apps CASCADE reaches audit_log too, and meets the same trigger.)
    await expect(attempt).rejects.toThrow(/append-only/);
    expect(await db.auditLogEntry.count({ where: { appId: app.id } })).toBeGreaterThan(0);
  });

  it("still lets deleteApp remove the app with its log", async () => {
    const app = await createTestApp();
    await rename(app, "Doomed");
    await deleteApp(app.id, "Doomed");
    const db = getDb();
    expect(await db.app.count({ where: { id: app.id } })).toBe(0);
    expect(await db.auditLogEntry.count({ where: { appId: app.id } })).toBe(0);
    // The escape hatch was local to that transaction.
    const survivor = await createTestApp();
    await expect(
      db.$executeRawUnsafe(`delete from audit_log where "appId" = $1`, survivor.id),
    ).rejects.toThrow(/append-only/);
  });
});
