import { beforeAll, describe, expect, it } from "vitest";
import { GET as campaignStatsRoute } from "@/app/api/v1/campaigns/[campaignId]/stats/route";
import { GET as audienceRoute } from "@/app/api/v1/stats/audience/route";
import { GET as campaignAnalyticsRoute } from "@/app/api/v1/stats/campaigns/[campaignId]/route";
import { GET as campaignListRoute } from "@/app/api/v1/stats/campaigns/route";
import { GET as overviewRoute } from "@/app/api/v1/stats/route";
import { getDb } from "@/lib/db/client";
import { type AnalyticsFixture, seedAnalyticsFixture } from "@/tests/support/analytics/fixture";
import {
  addMember,
  createTestApiKey,
  createTestApp,
  type TestApp,
  type TestUser,
} from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";

let fixture: AnalyticsFixture;
let other: TestApp;
let otherCampaignId: string;
let otherSegmentId: string;
let analyst: TestUser;

beforeAll(async () => {
  fixture = await seedAnalyticsFixture();
  other = await createTestApp();
  const db = getDb();
  const campaign = await db.campaign.create({
    data: { appId: other.id, name: "Other app's campaign", status: "completed" },
  });
  otherCampaignId = campaign.id;
  const segment = await db.segment.create({
    data: { appId: other.id, name: "Other app's segment", definition: {} },
  });
  otherSegmentId = segment.id;
  analyst = await addMember(fixture.app.id, "analyst");
});

const period = () => `from=${fixture.from}&to=${fixture.to}`;

describe("analytics tenancy", () => {
  it("lets an analyst read the overview, the audience and a campaign", async () => {
    const as = { user: analyst };
    const overview = await callRoute(overviewRoute, {
      path: `/api/v1/stats?appId=${fixture.app.id}&${period()}`,
      as,
    });
    expect(overview.status).toBe(200);
    expect((await json<{ totals: { sent: number } }>(overview)).totals.sent).toBe(12);
    const audience = await callRoute(audienceRoute, {
      path: `/api/v1/stats/audience?appId=${fixture.app.id}`,
      as,
    });
    expect(audience.status).toBe(200);
    const campaign = await callRoute(campaignAnalyticsRoute, {
      path: `/api/v1/stats/campaigns/${fixture.campaigns.marketing}?appId=${fixture.app.id}`,
      params: { campaignId: fixture.campaigns.marketing },
      as,
    });
    expect(campaign.status).toBe(200);
    expect((await json<{ totals: { sent: number } }>(campaign)).totals.sent).toBe(8);
  });

  it("does not find another app's campaign, app or segment", async () => {
    const as = { user: fixture.app.owner };
    const campaign = await callRoute(campaignAnalyticsRoute, {
      path: `/api/v1/stats/campaigns/${otherCampaignId}?appId=${fixture.app.id}`,
      params: { campaignId: otherCampaignId },
      as,
    });
    expect(campaign.status).toBe(404);
    const stats = await callRoute(campaignStatsRoute, {
      path: `/api/v1/campaigns/${otherCampaignId}/stats?appId=${fixture.app.id}`,
      params: { campaignId: otherCampaignId },
      as,
    });
    expect(stats.status).toBe(404);
    const notMember = await callRoute(overviewRoute, {
      path: `/api/v1/stats?appId=${other.id}`,
      as,
    });
    expect(notMember.status).toBe(404);
    const segment = await callRoute(overviewRoute, {
      path: `/api/v1/stats?appId=${fixture.app.id}&segmentId=${otherSegmentId}`,
      as,
    });
    expect(segment.status).toBe(404);
  });

  it("gives an API key its own app's figures only", async () => {
    const otherKey = await createTestApiKey(other, ["read"]);
    const campaign = await callRoute(campaignAnalyticsRoute, {
      path: `/api/v1/stats/campaigns/${fixture.campaigns.marketing}`,
      params: { campaignId: fixture.campaigns.marketing },
      as: { apiKey: otherKey },
    });
    expect(campaign.status).toBe(404);
    const naming = await callRoute(overviewRoute, {
      path: `/api/v1/stats?appId=${fixture.app.id}`,
      as: { apiKey: otherKey },
    });
    expect(naming.status).toBe(404);
    const overview = await json<{ totals: Record<string, number> }>(
      await callRoute(overviewRoute, {
        path: `/api/v1/stats?${period()}`,
        as: { apiKey: otherKey },
      }),
    );
    expect(Object.values(overview.totals).every((value) => value === 0)).toBe(true);
    const list = await json<{ data: unknown[] }>(
      await callRoute(campaignListRoute, {
        path: `/api/v1/stats/campaigns?${period()}`,
        as: { apiKey: otherKey },
      }),
    );
    expect(list.data).toEqual([]);
    const audience = await json<{ current: Record<string, number> }>(
      await callRoute(audienceRoute, { path: "/api/v1/stats/audience", as: { apiKey: otherKey } }),
    );
    expect(audience.current).toEqual({
      subscribers: 0,
      activeDevices: 0,
      unsubscribedDevices: 0,
      invalidDevices: 0,
    });
  });

  it("needs the read scope, and refuses unknown or malformed filters naming the field", async () => {
    const ingestKey = await createTestApiKey(fixture.app, ["ingest"]);
    const refused = await callRoute(overviewRoute, {
      path: "/api/v1/stats",
      as: { apiKey: ingestKey },
    });
    expect(refused.status).toBe(403);
    const readKey = await createTestApiKey(fixture.app, ["read"]);
    const unknown = await callRoute(overviewRoute, {
      path: "/api/v1/stats?since=2026-01-01",
      as: { apiKey: readKey },
    });
    expect(unknown.status).toBe(400);
    const inverted = await callRoute(overviewRoute, {
      path: "/api/v1/stats?from=2026-11-23&to=2026-11-01",
      as: { apiKey: readKey },
    });
    expect(inverted.status).toBe(400);
    expect(await json(inverted)).toMatchObject({
      errors: [expect.objectContaining({ field: "query.from" })],
    });
    const both = await callRoute(overviewRoute, {
      path: "/api/v1/stats?days=7&from=2026-11-01&to=2026-11-02",
      as: { apiKey: readKey },
    });
    expect(both.status).toBe(400);
    expect(await json(both)).toMatchObject({
      errors: [expect.objectContaining({ field: "query.days" })],
    });
    const lastWeek = await callRoute(overviewRoute, {
      path: "/api/v1/stats?days=7&platform=ios",
      as: { apiKey: readKey },
    });
    expect(lastWeek.status).toBe(200);
    expect(await json(lastWeek)).toMatchObject({
      range: { granularity: "day" },
      filters: { platform: "ios" },
      series: expect.arrayContaining([expect.objectContaining({ key: fixture.to })]),
    });
  });

  it("answers the same campaign numbers through the public stats route and the analytics route", async () => {
    const key = await createTestApiKey(fixture.app, ["read"]);
    const [stats, analytics] = await Promise.all([
      callRoute(campaignStatsRoute, {
        path: `/api/v1/campaigns/${fixture.campaigns.marketing}/stats`,
        params: { campaignId: fixture.campaigns.marketing },
        as: { apiKey: key },
      }).then((response) => json<Record<string, unknown>>(response)),
      callRoute(campaignAnalyticsRoute, {
        path: `/api/v1/stats/campaigns/${fixture.campaigns.marketing}`,
        params: { campaignId: fixture.campaigns.marketing },
        as: { apiKey: key },
      }).then((response) => json<{ totals: Record<string, number>; rates: unknown }>(response)),
    ]);
    expect(stats.rates).toEqual(analytics.rates);
    for (const measure of ["sent", "delivered", "opened", "dismissed", "converted", "revenue"]) {
      expect(stats[measure]).toBe(analytics.totals[measure]);
    }
  });
});
