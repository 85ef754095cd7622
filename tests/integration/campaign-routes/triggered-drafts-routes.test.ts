import { beforeAll, describe, expect, it } from "vitest";
import { POST as duplicateRoute } from "@/app/api/v1/campaigns/[campaignId]/duplicate/route";
import { POST as launchRoute } from "@/app/api/v1/campaigns/[campaignId]/launch/route";
import {
  GET as getCampaignRoute,
  PATCH as patchCampaignRoute,
} from "@/app/api/v1/campaigns/[campaignId]/route";
import { POST as createCampaignRoute } from "@/app/api/v1/campaigns/route";
import type { CampaignDto } from "@/lib/campaigns/api-schemas";
import { createTestApp, type TestApp } from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";
import { expectProblem } from "../api/support";

// The composer saves a triggered campaign the way any draft is saved: POST,
// then PATCHes of what changed, the trigger included.
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});

const trigger = {
  type: "event",
  event: "cart_abandoned",
  delayMinutes: 30,
  exitEvents: ["purchase"],
  oncePerHours: 24,
} as const;

const call = (
  handler: Parameters<typeof callRoute>[0],
  id: string,
  options: { method?: string; body?: unknown } = {},
) =>
  callRoute(handler, {
    path: `/api/v1/campaigns/${id}?appId=${app.id}`,
    params: { campaignId: id },
    as: { user: app.owner },
    method: options.method ?? "POST",
    body: options.body,
  });

describe("a triggered draft through the campaigns API", () => {
  it("keeps its trigger through edits and duplication, and activates", async () => {
    const created = await callRoute(createCampaignRoute, {
      path: `/api/v1/campaigns?appId=${app.id}`,
      as: { user: app.owner },
      body: {
        name: "Abandoned cart",
        category: "triggered",
        trigger,
        variants: [{ content: { title: "You left something behind" } }],
      },
    });
    expect(created.status).toBe(201);
    const campaign = await json<CampaignDto>(created);
    expect(campaign.trigger).toEqual(trigger);

    const edited = await call(patchCampaignRoute, campaign.id, {
      method: "PATCH",
      body: { trigger: { ...trigger, delayMinutes: 120 } },
    });
    expect(edited.status).toBe(200);
    expect((await json<CampaignDto>(edited)).trigger).toMatchObject({ delayMinutes: 120 });
    const read = await json<CampaignDto>(
      await call(getCampaignRoute, campaign.id, { method: "GET" }),
    );
    expect(read.trigger).toEqual({ ...trigger, delayMinutes: 120 });

    // A field the trigger refuses is named by its path.
    await expectProblem(
      await call(patchCampaignRoute, campaign.id, {
        method: "PATCH",
        body: { trigger: { ...trigger, delayMinutes: -5 } },
      }),
      400,
      "trigger.delayMinutes",
    );
    // A triggered campaign runs on its trigger: no schedule, and never without a trigger.
    await expectProblem(
      await call(patchCampaignRoute, campaign.id, {
        method: "PATCH",
        body: { schedule: { type: "at", sendAt: new Date(Date.now() + 3600_000).toISOString() } },
      }),
      400,
      "schedule",
    );
    await expectProblem(
      await call(patchCampaignRoute, campaign.id, { method: "PATCH", body: { trigger: null } }),
      400,
      "trigger",
    );

    // People qualify one by one, so an A/B test can only split them.
    const twoVariants = [{ content: { title: "A" } }, { content: { title: "B" } }];
    await expectProblem(
      await call(patchCampaignRoute, campaign.id, {
        method: "PATCH",
        body: { variants: twoVariants, experiment: { mode: "winner" } },
      }),
      400,
      "experiment.mode",
    );
    const split = await call(patchCampaignRoute, campaign.id, {
      method: "PATCH",
      body: { variants: twoVariants, experiment: { mode: "split" } },
    });
    expect(split.status).toBe(200);

    // Becoming a marketing campaign clears the trigger; switching back sets one again.
    const marketing = await json<CampaignDto>(
      await call(patchCampaignRoute, campaign.id, {
        method: "PATCH",
        body: { category: "marketing", trigger: null },
      }),
    );
    expect(marketing).toMatchObject({ category: "marketing", trigger: null });
    const inactivity = await json<CampaignDto>(
      await call(patchCampaignRoute, campaign.id, {
        method: "PATCH",
        body: { category: "triggered", trigger: { type: "inactivity", days: 14 } },
      }),
    );
    expect(inactivity.trigger).toEqual({ type: "inactivity", days: 14, oncePerHours: 720 });

    const copy = await call(duplicateRoute, campaign.id);
    expect(copy.status).toBe(201);
    expect(await json<CampaignDto>(copy)).toMatchObject({
      category: "triggered",
      status: "draft",
      trigger: { type: "inactivity", days: 14 },
    });

    const launched = await call(launchRoute, campaign.id);
    expect(launched.status).toBe(200);
    expect(await json<CampaignDto>(launched)).toMatchObject({ status: "sending" });
  });
});
