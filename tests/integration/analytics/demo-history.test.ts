import { describe, expect, it } from "vitest";
import { getAudienceStats } from "@/lib/analytics/get-audience-stats";
import { getOverviewStats } from "@/lib/analytics/get-overview-stats";
import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { backfillDemoHistory } from "@/lib/demo/backfill-demo-history";
import { createTestApp, randomId } from "@/tests/support/factories";

const DAY = 86_400_000;

describe("demo history backfill", () => {
  it("fills a month the dashboards can show, with rates in DESIGN's ranges, once", async () => {
    const app = await createTestApp();
    const db = getDb();
    await db.topic.create({ data: { appId: app.id, key: "deals", name: "Deals" } });
    const platforms: Platform[] = [
      "web",
      "web",
      "web",
      "web",
      "web",
      "ios",
      "ios",
      "ios",
      "android",
      "android",
    ];
    const subscribers = await db.subscriber.createManyAndReturn({
      data: Array.from({ length: 1_500 }, (_, index) => ({
        appId: app.id,
        externalId: `demo-${index}`,
      })),
      select: { id: true },
    });
    await db.device.createMany({
      data: subscribers.map((subscriber, index) => ({
        appId: app.id,
        subscriberId: subscriber.id,
        platform: platforms[index % platforms.length] ?? "web",
        address: `addr-${randomId(16)}`,
        optedInAt: new Date(Date.now() - 90 * DAY),
        createdAt: new Date(Date.now() - 90 * DAY),
      })),
    });

    const written = await backfillDemoHistory(app.id);
    expect(written?.campaigns).toBeGreaterThan(60);
    expect(written?.deliveries).toBeGreaterThan(10_000);
    expect(await backfillDemoHistory(app.id)).toBeNull();
    // Every finished campaign knows its audience, as a real launch records it.
    const finished = await db.campaign.findMany({
      where: { appId: app.id, launchCompletedAt: { not: null } },
      select: { id: true, audienceSize: true, _count: { select: { deliveries: true } } },
    });
    expect(finished.length).toBeGreaterThan(50);
    for (const campaign of finished) {
      expect(campaign.audienceSize, campaign.id).toBe(campaign._count.deliveries);
      expect(campaign.audienceSize, campaign.id).toBeGreaterThan(0);
    }

    const overview = await getOverviewStats(app.id, { days: 30 });
    const daysWithSends = overview.series.filter((bucket) => bucket.sent > 0).length;
    expect(daysWithSends).toBeGreaterThanOrEqual(28);
    expect(overview.rates.deliveryRate).toBeGreaterThan(94);
    expect(overview.rates.deliveryRate).toBeLessThan(99);
    const category = Object.fromEntries(
      overview.byCategory.map((row) => [row.category, row.rates]),
    );
    expect(category.marketing?.openRate).toBeGreaterThan(3);
    expect(category.marketing?.openRate).toBeLessThan(8);
    expect(category.transactional?.openRate).toBeGreaterThan(70);
    expect(category.triggered?.openRate).toBeGreaterThan(5);
    expect(overview.rates.optInRate).toBeGreaterThan(20);
    expect(overview.rates.optOutRate).toBeLessThan(3);
    expect(overview.totals.revenue).toBeGreaterThan(0);

    const audience = await getAudienceStats(app.id, { days: 30 });
    const invalid = audience.tokenHealth.reduce((sum, row) => sum + row.invalid, 0);
    expect(invalid).toBeGreaterThan(0);
    expect(audience.current.activeDevices).toBe(
      await db.device.count({ where: { appId: app.id, status: "active" } }),
    );

    // Each A/B test's winner is the variant that opened better in its test phase, and the rest got it.
    const tests = await db.$queryRaw<
      {
        campaignId: string;
        winner: string;
        winnerRate: number;
        otherRate: number;
        rest: string[];
      }[]
    >`
      WITH rates AS (
        SELECT d."campaignId", v.key, v."isWinner",
               count(*) FILTER (WHERE d."openedAt" IS NOT NULL)::float8
                 / nullif(count(*) FILTER (WHERE d.status <> 'skipped'), 0) AS rate
        FROM deliveries d JOIN variants v ON v.id = d."variantId"
        WHERE d."appId" = ${app.id} AND d.phase = 'test'
        GROUP BY d."campaignId", v.key, v."isWinner"
      )
      SELECT w."campaignId", w.key AS winner, w.rate AS "winnerRate", o.rate AS "otherRate",
             ARRAY(SELECT DISTINCT v.key FROM deliveries d JOIN variants v ON v.id = d."variantId"
                   WHERE d."campaignId" = w."campaignId" AND d.phase = 'remainder') AS rest
      FROM rates w JOIN rates o ON o."campaignId" = w."campaignId" AND NOT o."isWinner"
      WHERE w."isWinner"`;
    expect(tests.length).toBeGreaterThan(3);
    for (const test of tests) {
      expect(test.winnerRate, test.campaignId).toBeGreaterThanOrEqual(test.otherRate);
      expect(test.rest).toEqual([test.winner]);
    }
  });
});
