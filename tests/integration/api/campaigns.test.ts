import { describe, expect, it } from "vitest";
import { POST as cancelRoute } from "@/app/api/v1/campaigns/[campaignId]/cancel/route";
import { POST as duplicateRoute } from "@/app/api/v1/campaigns/[campaignId]/duplicate/route";
import { POST as launchRoute } from "@/app/api/v1/campaigns/[campaignId]/launch/route";
import { POST as pauseRoute } from "@/app/api/v1/campaigns/[campaignId]/pause/route";
import { POST as resumeRoute } from "@/app/api/v1/campaigns/[campaignId]/resume/route";
import {
  DELETE as deleteCampaignRoute,
  GET as getCampaignRoute,
  PATCH as patchCampaignRoute,
} from "@/app/api/v1/campaigns/[campaignId]/route";
import { GET as statsRoute } from "@/app/api/v1/campaigns/[campaignId]/stats/route";
import {
  POST as createCampaignRoute,
  GET as listCampaignsRoute,
} from "@/app/api/v1/campaigns/route";
import { getDb } from "@/lib/db/client";
import { addMember, createTestApiKey, createTestApp } from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";
import { expectProblem } from "./support";

interface CampaignBody {
  id: string;
  name: string;
  status: string;
  source: string;
  variants: { key: string; content: { title?: string } }[];
  scheduledAt: string | null;
}

const draft = (name = "Spring sale") => ({
  name,
  variants: [{ content: { title: "20% off", body: "Today only", url: "/sale" } }],
});

async function setup() {
  const app = await createTestApp();
  const key = await createTestApiKey(app, ["send", "read"]);
  const as = { apiKey: key };
  const create = async (body: unknown = draft()) =>
    callRoute(createCampaignRoute, { path: "/api/v1/campaigns", as, body });
  const action = (
    handler: Parameters<typeof callRoute>[0],
    id: string,
    options: { method?: string; body?: unknown } = {},
  ) =>
    callRoute(handler, {
      path: `/api/v1/campaigns/${id}`,
      params: { campaignId: id },
      as,
      method: options.method ?? "POST",
      body: options.body,
    });
  return { app, key, as, create, action };
}

describe("/api/v1/campaigns", () => {
  it("creates, reads, edits, duplicates and deletes a draft", async () => {
    const { create, action, as } = await setup();
    const created = await create();
    expect(created.status).toBe(201);
    const campaign = await json<CampaignBody>(created);
    expect(campaign).toMatchObject({ name: "Spring sale", status: "draft", source: "api" });
    expect(campaign.variants.map((variant) => variant.key)).toEqual(["A"]);

    const read = await callRoute(getCampaignRoute, {
      path: "/x",
      params: { campaignId: campaign.id },
      as,
    });
    expect((await json<CampaignBody>(read)).id).toBe(campaign.id);

    const edited = await action(patchCampaignRoute, campaign.id, {
      method: "PATCH",
      body: {
        name: "Spring sale — final",
        variants: [{ content: { title: "A" } }, { content: { title: "B" } }],
        experiment: { mode: "split" },
      },
    });
    expect(edited.status).toBe(200);
    const editedBody = await json<CampaignBody>(edited);
    expect(editedBody.name).toBe("Spring sale — final");
    expect(editedBody.variants.map((variant) => variant.content.title)).toEqual(["A", "B"]);

    const copy = await action(duplicateRoute, campaign.id);
    expect(copy.status).toBe(201);
    const copyBody = await json<CampaignBody>(copy);
    expect(copyBody).toMatchObject({ name: "Copy of Spring sale — final", status: "draft" });
    expect(copyBody.variants).toHaveLength(2);

    const deleted = await action(deleteCampaignRoute, campaign.id, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect(await getDb().campaign.count({ where: { id: campaign.id } })).toBe(0);
  });

  it("validates edits like a new campaign, and only edits or deletes drafts", async () => {
    const { create, action } = await setup();
    const campaign = await json<CampaignBody>(await create());
    await expectProblem(
      await action(patchCampaignRoute, campaign.id, {
        method: "PATCH",
        body: { variants: [{ content: { title: "x", url: "javascript:alert(1)" } }] },
      }),
      400,
      "variants.0.content.url",
    );
    await expectProblem(
      await action(patchCampaignRoute, campaign.id, {
        method: "PATCH",
        body: { experiment: { mode: "winner" } },
      }),
      400,
      "variants",
    );
    await expectProblem(
      await action(patchCampaignRoute, campaign.id, { method: "PATCH", body: {} }),
      400,
    );
    await expectProblem(
      await action(patchCampaignRoute, campaign.id, { method: "PATCH", body: { colour: "red" } }),
      400,
      "(body)",
    );
    const unchanged = await getDb().campaign.findUniqueOrThrow({
      where: { id: campaign.id },
      include: { variants: true },
    });
    expect(unchanged.name).toBe("Spring sale");
    expect(unchanged.experiment).toBeNull();

    const scheduled = await action(patchCampaignRoute, campaign.id, {
      method: "PATCH",
      body: { schedule: { type: "at", sendAt: new Date(Date.now() + 3600_000).toISOString() } },
    });
    expect(scheduled.status).toBe(200);
    const launched = await json<CampaignBody>(await action(launchRoute, campaign.id));
    expect(launched.status).toBe("scheduled");
    await expectProblem(
      await action(patchCampaignRoute, campaign.id, { method: "PATCH", body: { name: "late" } }),
      409,
    );
    await expectProblem(await action(deleteCampaignRoute, campaign.id, { method: "DELETE" }), 409);
  });

  it("pauses, resumes and cancels through the transitions, with 409 for a move not allowed", async () => {
    const { create, action } = await setup();
    const campaign = await json<CampaignBody>(
      await create({
        ...draft(),
        schedule: { type: "at", sendAt: new Date(Date.now() + 3600_000).toISOString() },
      }),
    );
    await expectProblem(await action(resumeRoute, campaign.id), 409);
    expect((await json<CampaignBody>(await action(launchRoute, campaign.id))).status).toBe(
      "scheduled",
    );
    expect((await json<CampaignBody>(await action(pauseRoute, campaign.id))).status).toBe("paused");
    expect((await json<CampaignBody>(await action(resumeRoute, campaign.id))).status).toBe(
      "scheduled",
    );
    expect((await json<CampaignBody>(await action(cancelRoute, campaign.id))).status).toBe(
      "canceled",
    );
    await expectProblem(await action(launchRoute, campaign.id), 409);
    const stats = await action(statsRoute, campaign.id, { method: "GET" });
    expect(await json(stats)).toMatchObject({
      campaignId: campaign.id,
      status: "canceled",
      total: 0,
    });
  });

  it("refuses to launch with a body it does not take, or for a time long passed, and stays a draft", async () => {
    const { create, action } = await setup();
    const campaign = await json<CampaignBody>(
      await create({
        ...draft(),
        schedule: { type: "at", sendAt: new Date(Date.now() - 3600_000).toISOString() },
      }),
    );
    const unknownField = await expectProblem(
      await action(launchRoute, campaign.id, { body: { sendAt: "now" } }),
      400,
    );
    expect(unknownField.detail).toMatch(/sendAt/);
    await expectProblem(await action(launchRoute, campaign.id), 400, "schedule.sendAt");
    await expectProblem(
      await action(launchRoute, campaign.id, { body: {} }),
      400,
      "schedule.sendAt",
    );
    const stored = await getDb().campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(stored.status).toBe("draft");
    expect(stored.launchedAt).toBeNull();
    expect(await getDb().delivery.count({ where: { campaignId: campaign.id } })).toBe(0);
  });

  it("lists newest first with filters and a cursor", async () => {
    const { create, action, as } = await setup();
    const ids: string[] = [];
    for (const name of ["One", "Two", "Three"])
      ids.push((await json<CampaignBody>(await create(draft(name)))).id);
    await action(cancelRoute, ids[0] ?? "");
    const list = async (query: string) =>
      json<{ data: CampaignBody[]; nextCursor: string | null }>(
        await callRoute(listCampaignsRoute, { path: `/api/v1/campaigns?${query}`, as }),
      );
    const first = await list("limit=2");
    expect(first.data.map((campaign) => campaign.name)).toEqual(["Three", "Two"]);
    const second = await list(`limit=2&cursor=${first.nextCursor}`);
    expect(second.data.map((campaign) => campaign.name)).toEqual(["One"]);
    expect(second.nextCursor).toBeNull();
    expect((await list("status=canceled")).data.map((campaign) => campaign.name)).toEqual(["One"]);
    expect((await list("status=draft,canceled&q=t")).data.map((campaign) => campaign.name)).toEqual(
      ["Three", "Two"],
    );
    await expectProblem(
      await callRoute(listCampaignsRoute, { path: "/api/v1/campaigns?status=lost", as }),
      400,
      "query.status.0",
    );
    await expectProblem(
      await callRoute(listCampaignsRoute, { path: "/api/v1/campaigns?cursor=garbage", as }),
      400,
      "query.cursor",
    );
    await expectProblem(
      await callRoute(listCampaignsRoute, { path: "/api/v1/campaigns?sort=name", as }),
      400,
      "query",
    );
  });
});

describe("campaign scopes, roles and tenancy", () => {
  it("an ingest key cannot read campaigns; a read key cannot create or launch them", async () => {
    const { app, create } = await setup();
    const campaign = await json<CampaignBody>(await create());
    const ingest = { apiKey: await createTestApiKey(app, ["ingest"]) };
    const read = { apiKey: await createTestApiKey(app, ["read"]) };
    await expectProblem(
      await callRoute(listCampaignsRoute, { path: "/api/v1/campaigns", as: ingest }),
      403,
    );
    await expectProblem(
      await callRoute(getCampaignRoute, {
        path: "/x",
        params: { campaignId: campaign.id },
        as: ingest,
      }),
      403,
    );
    await expectProblem(
      await callRoute(createCampaignRoute, { path: "/api/v1/campaigns", as: read, body: draft() }),
      403,
    );
    await expectProblem(
      await callRoute(launchRoute, {
        path: "/x",
        method: "POST",
        params: { campaignId: campaign.id },
        as: read,
      }),
      403,
    );
    expect((await getDb().campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe(
      "draft",
    );
  });

  it("lets members act by role through the same routes (the dashboard's way in)", async () => {
    const { app, create } = await setup();
    const campaign = await json<CampaignBody>(await create());
    const analyst = await addMember(app.id, "analyst");
    const marketer = await addMember(app.id, "marketer");
    const path = `/api/v1/campaigns?appId=${app.id}`;
    expect((await callRoute(listCampaignsRoute, { path, as: { user: analyst } })).status).toBe(200);
    await expectProblem(
      await callRoute(createCampaignRoute, { path, as: { user: analyst }, body: draft() }),
      403,
    );
    expect(
      (await callRoute(createCampaignRoute, { path, as: { user: marketer }, body: draft() }))
        .status,
    ).toBe(201);
    const stranger = await createTestApp();
    await expectProblem(
      await callRoute(getCampaignRoute, {
        path: `/x?appId=${app.id}`,
        params: { campaignId: campaign.id },
        as: { user: stranger.owner },
      }),
      404,
    );
  });

  it("answers 404 for another app's campaign, to every verb, changing nothing", async () => {
    const a = await setup();
    const b = await setup();
    const campaign = await json<CampaignBody>(await b.create());
    for (const [handler, method] of [
      [getCampaignRoute, "GET"],
      [patchCampaignRoute, "PATCH"],
      [deleteCampaignRoute, "DELETE"],
      [duplicateRoute, "POST"],
      [launchRoute, "POST"],
      [cancelRoute, "POST"],
      [statsRoute, "GET"],
    ] as const) {
      const response = await callRoute(handler, {
        method,
        path: "/x",
        params: { campaignId: campaign.id },
        as: a.as,
        body: method === "PATCH" ? { name: "taken" } : undefined,
      });
      await expectProblem(response, 404);
    }
    const untouched = await getDb().campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(untouched).toMatchObject({ name: "Spring sale", status: "draft" });
    expect(await getDb().campaign.count({ where: { appId: a.app.id } })).toBe(0);
  });
});
