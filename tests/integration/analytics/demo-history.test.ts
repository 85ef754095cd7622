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
  });
});
