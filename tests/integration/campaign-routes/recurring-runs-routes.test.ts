import { beforeAll, describe, expect, it } from "vitest";
import { GET as listCampaignsRoute } from "@/app/api/v1/campaigns/route";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
import {
  addMember,
  createTestApp,
  randomId,
  type TestApp,
  type TestUser,
} from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";
import { expectProblem } from "../api/support";

let app: TestApp;
let otherApp: TestApp;
let analyst: TestUser;

beforeAll(async () => {
  [app, otherApp] = await Promise.all([createTestApp(), createTestApp()]);
  analyst = await addMember(app.id, "analyst");
});

const actorOf = (target: TestApp) => ({
  kind: "user" as const,
  userId: target.owner.id,
  email: target.owner.email,
});

/** A launched daily campaign: the template the scheduler makes runs of. */
async function dailyTemplate(target: TestApp, name: string): Promise<string> {
  const { id } = await createCampaign(
    target.id,
    createCampaignSchema.parse({
      name,
      variants: [{ content: { title: "Today's deals" } }],
      schedule: { type: "recurring", frequency: "daily", time: "09:00", timezone: "UTC" },
    }),
    actorOf(target),
  );
  const launched = await launchCampaign(target.id, id, actorOf(target));
  expect(launched.status).toBe("scheduled");
  return id;
}

/**
 * A run as run-due-schedules writes it (a sent copy pointing at its template).
 * Written directly: ticking the real scheduler would also start other test
 * files' scheduled campaigns in this shared database.
 */
async function addRun(target: TestApp, templateId: string, day: string, createdAt: Date) {
  const template = await getDb().campaign.findUniqueOrThrow({ where: { id: templateId } });
  return getDb().campaign.create({
    data: {
      appId: target.id,
      parentId: templateId,
      name: `${template.name} · ${day}`,
      schedule: { type: "now" },
      status: "completed",
      launchedAt: createdAt,
      completedAt: createdAt,
      createdAt,
      variants: { create: [{ key: "A", name: "Variant A", content: { title: "Today's deals" } }] },
    },
  });
}

const list = (query: string, as: { user: TestUser }, target: TestApp = app) =>
  callRoute(listCampaignsRoute, {
    path: `/api/v1/campaigns?appId=${target.id}&${query}`,
    as,
  });

describe("GET /api/v1/campaigns?parentId=", () => {
  it("lists only the runs of one recurring campaign, newest first", async () => {
    const templateId = await dailyTemplate(app, `Daily deals ${randomId(4)}`);
    const otherTemplateId = await dailyTemplate(app, `Daily news ${randomId(4)}`);
    const first = await addRun(app, templateId, "2026-03-01", new Date("2026-03-01T09:00:00Z"));
    const second = await addRun(app, templateId, "2026-03-02", new Date("2026-03-02T09:00:00Z"));
    await addRun(app, otherTemplateId, "2026-03-02", new Date("2026-03-02T09:00:01Z"));

    const response = await list(`parentId=${templateId}`, { user: analyst });
    expect(response.status).toBe(200);
    const page = await json<{ data: { id: string; parentId: string }[]; nextCursor: string }>(
      response,
    );
    expect(page.data.map((run) => run.id)).toEqual([second.id, first.id]);
    expect(page.data.every((run) => run.parentId === templateId)).toBe(true);
    expect(page.nextCursor).toBeNull();

    // Paged like any list.
    const one = await json<{ data: { id: string }[]; nextCursor: string }>(
      await list(`parentId=${templateId}&limit=1`, { user: analyst }),
    );
    expect(one.data.map((run) => run.id)).toEqual([second.id]);
    const rest = await json<{ data: { id: string }[] }>(
      await list(`parentId=${templateId}&limit=1&cursor=${one.nextCursor}`, { user: analyst }),
    );
    expect(rest.data.map((run) => run.id)).toEqual([first.id]);

    // Without the filter, the template and the runs are all there.
    const all = await json<{ data: { id: string }[] }>(await list("limit=100", { user: analyst }));
    expect(all.data.map((run) => run.id)).toEqual(
      expect.arrayContaining([templateId, first.id, second.id]),
    );
  });

  it("finds nothing for another app's template, and refuses a blank parent", async () => {
    const templateId = await dailyTemplate(app, `Daily ${randomId(4)}`);
    await addRun(app, templateId, "2026-03-01", new Date("2026-03-01T09:00:00Z"));
    const page = await json<{ data: unknown[] }>(
      await list(`parentId=${templateId}`, { user: otherApp.owner }, otherApp),
    );
    expect(page.data).toEqual([]);
    await expectProblem(await list("parentId=", { user: analyst }), 400, "query.parentId");
  });
});
