import { beforeAll, describe, expect, it } from "vitest";
import { GET as getExperiment } from "@/app/api/v1/campaigns/[campaignId]/experiment/route";
import { POST as launch } from "@/app/api/v1/campaigns/[campaignId]/launch/route";
import { GET as getProgress } from "@/app/api/v1/campaigns/[campaignId]/progress/route";
import { POST as chooseWinner } from "@/app/api/v1/campaigns/[campaignId]/winner/route";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";
import { chooseWinner as chooseWinnerAt } from "@/lib/experiments/choose-winner";
import {
  addMember,
  createTestApiKey,
  createTestApp,
  type TestApp,
  type TestUser,
} from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";

let app: TestApp;
let otherApp: TestApp;
let analyst: TestUser;

beforeAll(async () => {
  [app, otherApp] = await Promise.all([createTestApp(), createTestApp()]);
  analyst = await addMember(app.id, "analyst");
});

/** A winner-mode A/B test caught in its test window (the state a launch puts it in). */
async function campaignInTestWindow(
  target: TestApp,
): Promise<{ id: string; variantIds: string[] }> {
  const actor = { kind: "user" as const, userId: target.owner.id, email: target.owner.email };
  const { id } = await createCampaign(
    target.id,
    createCampaignSchema.parse({
      name: "Subject line test",
      variants: [
        { content: { title: "Ten percent off" } },
        { content: { title: "Free shipping" } },
      ],
      experiment: { mode: "winner", testPercent: 15, selection: "manual" },
    }),
    actor,
  );
  await getDb().campaign.update({
    where: { id },
    data: {
      status: "sending",
      launchedAt: new Date(),
      experimentDecidesAt: new Date(Date.now() + 3_600_000),
    },
  });
  const variants = await getDb().variant.findMany({
    where: { campaignId: id },
    orderBy: { key: "asc" },
  });
  return { id, variantIds: variants.map((variant) => variant.id) };
}

const route = (campaignId: string, target: TestApp, tail: string) =>
  `/api/v1/campaigns/${campaignId}/${tail}?appId=${target.id}`;

describe("A/B test routes", () => {
  it("shows the test with per-variant results and lets a marketer pick the winner once", async () => {
    const { id, variantIds } = await campaignInTestWindow(app);
    const marketer = await addMember(app.id, "marketer");

    const before = await callRoute(getExperiment, {
      path: route(id, app, "experiment"),
      params: { campaignId: id },
      as: { user: analyst },
    });
    expect(before.status).toBe(200);
    const experiment = await json<{
      experiment: { mode: string; winnerMetric: string };
      canChooseWinner: boolean;
      decidesAt: string | null;
      results: { variants: { variantId: string; key: string; sent: number; isWinner: boolean }[] };
    }>(before);
    expect(experiment.experiment).toMatchObject({ mode: "winner", winnerMetric: "open_rate" });
    expect(experiment.canChooseWinner).toBe(true);
    expect(experiment.decidesAt).not.toBeNull();
    expect(experiment.results.variants.map((variant) => variant.key)).toEqual(["A", "B"]);

    const picked = await callRoute(chooseWinner, {
      path: route(id, app, "winner"),
      params: { campaignId: id },
      body: { variantId: variantIds[1] },
      as: { user: marketer },
    });
    expect(picked.status).toBe(200);
    expect(await json(picked)).toMatchObject({ winnerVariantId: variantIds[1] });

    const again = await callRoute(chooseWinner, {
      path: route(id, app, "winner"),
      params: { campaignId: id },
      body: {},
      as: { user: marketer },
    });
    expect(again.status).toBe(409);

    const after = await json<typeof experiment>(
      await callRoute(getExperiment, {
        path: route(id, app, "experiment"),
        params: { campaignId: id },
        as: { user: marketer },
      }),
    );
    expect(after.canChooseWinner).toBe(false);
    expect(after.results.variants.find((variant) => variant.isWinner)?.variantId).toBe(
      variantIds[1],
    );
  });

  it("answers 409 to `{}` while no variant leads and decides nothing; the window's end sends variant A", async () => {
    const { id, variantIds } = await campaignInTestWindow(app);
    const response = await callRoute(chooseWinner, {
      path: route(id, app, "winner"),
      params: { campaignId: id },
      body: {},
      as: { user: app.owner },
    });
    expect(response.status).toBe(409);
    expect((await json<{ detail: string }>(response)).detail).toMatch(
      /leads on open rate yet: name the variant/,
    );
    const untouched = await getDb().campaign.findUniqueOrThrow({ where: { id } });
    expect(untouched.experimentDecidesAt).not.toBeNull();
    expect(await getDb().variant.count({ where: { campaignId: id, isWinner: true } })).toBe(0);

    const automatic = await chooseWinnerAt(app.id, id, null, null, "send-first");
    expect(automatic).toEqual({ winnerVariantId: variantIds[0], confidence: null });
  });

  it("refuses a variant of another campaign", async () => {
    const { id } = await campaignInTestWindow(app);
    const { variantIds: foreign } = await campaignInTestWindow(app);
    const response = await callRoute(chooseWinner, {
      path: route(id, app, "winner"),
      params: { campaignId: id },
      body: { variantId: foreign[0] },
      as: { user: app.owner },
    });
    expect(response.status).toBe(400);
  });

  it("gives an analyst 403 on launching a draft and on picking a winner; an API key needs the send scope", async () => {
    const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
    const draft = await createCampaign(
      app.id,
      createCampaignSchema.parse({
        name: "Not for analysts",
        variants: [{ content: { title: "Hi" } }],
      }),
      actor,
    );
    const launchByAnalyst = await callRoute(launch, {
      path: route(draft.id, app, "launch"),
      params: { campaignId: draft.id },
      method: "POST",
      as: { user: analyst },
    });
    expect(launchByAnalyst.status).toBe(403);
    const stillDraft = await getDb().campaign.findUniqueOrThrow({ where: { id: draft.id } });
    expect(stillDraft.status).toBe("draft");

    const { id } = await campaignInTestWindow(app);
    const byAnalyst = await callRoute(chooseWinner, {
      path: route(id, app, "winner"),
      params: { campaignId: id },
      body: {},
      as: { user: analyst },
    });
    expect(byAnalyst.status).toBe(403);

    const readKey = await createTestApiKey(app, ["read"]);
    const byReadKey = await callRoute(chooseWinner, {
      path: `/api/v1/campaigns/${id}/winner`,
      params: { campaignId: id },
      body: {},
      as: { apiKey: readKey },
    });
    expect(byReadKey.status).toBe(403);
    const readable = await callRoute(getProgress, {
      path: `/api/v1/campaigns/${id}/progress`,
      params: { campaignId: id },
      as: { apiKey: readKey },
    });
    expect(readable.status).toBe(200);
  });

  it("answers 404 for another app's campaign on every campaign route", async () => {
    const { id } = await campaignInTestWindow(otherApp);
    for (const [handler, tail, body] of [
      [getExperiment, "experiment", undefined],
      [getProgress, "progress", undefined],
      [chooseWinner, "winner", {}],
    ] as const) {
      const response = await callRoute(handler, {
        path: route(id, app, tail),
        params: { campaignId: id },
        body,
        as: { user: app.owner },
      });
      expect(response.status, tail).toBe(404);
    }
    // Nothing changed over there.
    const untouched = await getDb().variant.count({ where: { campaignId: id, isWinner: true } });
    expect(untouched).toBe(0);
  });

  it("reports a draft's progress as not started, and no test for a plain campaign", async () => {
    const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
    const { id } = await createCampaign(
      app.id,
      createCampaignSchema.parse({ name: "Plain", variants: [{ content: { title: "Hi" } }] }),
      actor,
    );
    const progress = await json(
      await callRoute(getProgress, {
        path: route(id, app, "progress"),
        params: { campaignId: id },
        as: { user: analyst },
      }),
    );
    expect(progress).toMatchObject({ status: "draft", total: null, sent: 0, remaining: 0 });
    const experiment = await json(
      await callRoute(getExperiment, {
        path: route(id, app, "experiment"),
        params: { campaignId: id },
        as: { user: analyst },
      }),
    );
    expect(experiment).toEqual({
      experiment: null,
      decidesAt: null,
      canChooseWinner: false,
      results: null,
    });
  });
});
