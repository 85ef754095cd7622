import { beforeAll, describe, expect, it } from "vitest";
import { getAudienceStats } from "@/lib/analytics/get-audience-stats";
import { getCampaignAnalytics } from "@/lib/analytics/get-campaign-analytics";
import { getCampaignStats } from "@/lib/analytics/get-campaign-stats";
import { getOverviewStats } from "@/lib/analytics/get-overview-stats";
import { listCampaignStats } from "@/lib/analytics/list-campaign-stats";
import { getDb } from "@/lib/db/client";
import { type AnalyticsFixture, seedAnalyticsFixture } from "@/tests/support/analytics/fixture";
import { createTestApp, randomId } from "@/tests/support/factories";

// Every expected value below is computed by hand from the fixture's story
// (tests/support/analytics/fixture.ts), with DESIGN.md's definitions.

let fixture: AnalyticsFixture;

beforeAll(async () => {
  fixture = await seedAnalyticsFixture();
});

const emptyRates = {
  deliveryRate: null,
  openRate: null,
  conversionRate: null,
  revenuePerPush: null,
};

describe("app overview", () => {
  it("totals and rates of the period equal the hand-computed values", async () => {
    const stats = await getOverviewStats(fixture.app.id, { from: fixture.from, to: fixture.to });
    expect(stats.totals).toEqual({
      sent: 12,
      delivered: 7,
      opened: 3,
      dismissed: 2,
      converted: 1,
      revenue: 30,
      failed: 1,
      skipped: 1,
      expired: 0,
      canceled: 0,
      prompted: 10,
      granted: 3,
      optedIn: 1,
      optedOut: 2,
      activeAtStart: 14,
    });
    expect(stats.rates).toEqual({
      deliveryRate: 58.33, // 7 / 12
      openRate: 42.86, // 3 / 7
      conversionRate: 33.33, // 1 / 3
      revenuePerPush: 2.5, // 30 / 12
      optInRate: 30, // 3 granted / 10 native prompts (soft asks do not count)
      optOutRate: 13.33, // 2 opted out / (14 active at the start + 1 opted in)
    });
    expect(stats.benchmarks.deliveryRate).toMatchObject({ low: 95, high: 99 });
  });

  it("counts each push's receipts on the day it was sent, and leaves empty days' rates undefined", async () => {
    const stats = await getOverviewStats(fixture.app.id, { from: fixture.from, to: fixture.to });
    expect(stats.range).toMatchObject({ timezone: "UTC", granularity: "day" });
    expect(stats.series.map((bucket) => bucket.key)).toHaveLength(4);
    const [before, sendDay, nextDay, today] = stats.series;
    expect(before).toMatchObject({ sent: 0, delivered: 0, optedOut: 0 });
    expect(before?.rates).toEqual({ ...emptyRates, optInRate: null, optOutRate: 0 });
    expect(sendDay).toMatchObject({ sent: 8, delivered: 7, opened: 3, converted: 1, revenue: 30 });
    expect(sendDay?.rates).toEqual({
      deliveryRate: 87.5,
      openRate: 42.86,
      conversionRate: 33.33,
      revenuePerPush: 3.75,
      optInRate: null,
      optOutRate: 0,
    });
    expect(nextDay?.rates).toEqual({
      deliveryRate: 0,
      openRate: null,
      conversionRate: null,
      revenuePerPush: 0,
      optInRate: null,
      optOutRate: 0,
    });
    expect(today).toMatchObject({ sent: 0, prompted: 10, granted: 3, optedIn: 1, optedOut: 2 });
    expect(today?.rates).toMatchObject({ optInRate: 30, optOutRate: 13.33 });
  });

  it("breaks down by platform and category next to DESIGN's ranges", async () => {
    const stats = await getOverviewStats(fixture.app.id, { from: fixture.from, to: fixture.to });
    const platform = Object.fromEntries(stats.byPlatform.map((row) => [row.platform, row]));
    expect(platform.ios?.rates).toEqual({
      deliveryRate: 87.5,
      openRate: 42.86,
      conversionRate: 33.33,
      revenuePerPush: 3.75,
      optInRate: null,
    });
    expect(platform.web?.rates).toEqual({
      deliveryRate: 0,
      openRate: null,
      conversionRate: null,
      revenuePerPush: 0,
      optInRate: 30,
    });
    expect(platform.android?.rates).toEqual({ ...emptyRates, optInRate: null });
    expect(platform.web?.benchmarks.optInRate).toMatchObject({ low: 7, high: 15 });
    expect(platform.ios?.benchmarks.optInRate).toMatchObject({ low: 50, high: 55 });
    const category = Object.fromEntries(stats.byCategory.map((row) => [row.category, row]));
    expect(category.marketing?.rates.openRate).toBe(42.86);
    expect(category.marketing?.benchmarks.openRate).toMatchObject({ low: 3, high: 8 });
    expect(category.transactional?.rates).toEqual({
      deliveryRate: 0,
      openRate: null,
      conversionRate: null,
      revenuePerPush: 0,
    });
    expect(category.transactional?.benchmarks.openRate).toMatchObject({ low: 75, high: 90 });
    expect(category.triggered?.rates).toEqual(emptyRates);
  });

  it("narrows to one platform", async () => {
    const stats = await getOverviewStats(fixture.app.id, {
      from: fixture.from,
      to: fixture.to,
      platform: "web",
    });
    expect(stats.totals).toMatchObject({
      sent: 4,
      delivered: 0,
      prompted: 10,
      optedIn: 1,
      optedOut: 0,
    });
    expect(stats.totals.activeAtStart).toBe(4);
    expect(stats.rates.optOutRate).toBe(0);
    expect(stats.byPlatform.map((row) => row.platform)).toEqual(["web"]);
  });

  it("narrows delivery metrics to the campaigns sent to a segment", async () => {
    const db = getDb();
    const segment = await db.segment.create({
      data: { appId: fixture.app.id, name: `Shoppers ${randomId(4)}`, definition: {} },
    });
    await db.campaign.update({
      where: { id: fixture.campaigns.marketing },
      data: { segmentId: segment.id },
    });
    try {
      const stats = await getOverviewStats(fixture.app.id, {
        from: fixture.from,
        to: fixture.to,
        segmentId: segment.id,
      });
      expect(stats.filters.segmentId).toBe(segment.id);
      expect(stats.totals).toMatchObject({ sent: 8, delivered: 7, opened: 3, converted: 1 });
      expect(stats.rates.deliveryRate).toBe(87.5);
      // Audience figures are app-wide whatever the segment.
      expect(stats.totals).toMatchObject({ prompted: 10, optedOut: 2 });
      const list = await listCampaignStats(fixture.app.id, {
        from: fixture.from,
        to: fixture.to,
        segmentId: segment.id,
        limit: 50,
      });
      expect(list.data.map((row) => row.name)).toEqual(["Spring sale"]);
    } finally {
      await db.campaign.update({
        where: { id: fixture.campaigns.marketing },
        data: { segmentId: null },
      });
    }
  });

  it("answers nulls, never a division by zero, for an app with nothing yet", async () => {
    const empty = await createTestApp();
    const stats = await getOverviewStats(empty.id, {});
    expect(stats.rates).toEqual({ ...emptyRates, optInRate: null, optOutRate: null });
    expect(stats.series).toHaveLength(30);
    for (const bucket of stats.series) {
      expect(bucket.rates).toEqual({ ...emptyRates, optInRate: null, optOutRate: null });
    }
    expect(JSON.stringify(stats)).not.toMatch(/NaN|Infinity/);
  });
});

describe("audience", () => {
  it("tracks subscribers, active devices and token health", async () => {
    const stats = await getAudienceStats(fixture.app.id, { from: fixture.from, to: fixture.to });
    expect(stats.current).toEqual({
      subscribers: 15,
      activeDevices: 12,
      unsubscribedDevices: 2,
      invalidDevices: 1,
    });
    expect(stats.tokenHealth).toEqual([
      { platform: "web", active: 4, unsubscribed: 0, invalid: 1, total: 5, activeShare: 80 },
      { platform: "ios", active: 8, unsubscribed: 2, invalid: 0, total: 10, activeShare: 80 },
      { platform: "android", active: 0, unsubscribed: 0, invalid: 0, total: 0, activeShare: null },
    ]);
    const [first, , , last] = stats.series;
    expect(first).toMatchObject({ activeDevices: 14, optedIn: 0, optedOut: 0 });
    expect(last).toMatchObject({
      subscribers: 15,
      activeDevices: 12,
      optedIn: 1,
      optedOut: 2,
      invalidated: 1,
    });
  });
});

describe("campaign analytics", () => {
  it("funnel, time-to-open, hours after send, errors and skips", async () => {
    const stats = await getCampaignAnalytics(fixture.app.id, fixture.campaigns.marketing);
    expect(stats.totals).toEqual({
      sent: 8,
      delivered: 7,
      opened: 3,
      dismissed: 2,
      converted: 1,
      revenue: 30,
      failed: 1,
      skipped: 1,
      expired: 0,
      canceled: 0,
    });
    expect(stats.funnel).toEqual([
      { step: "sent", count: 8, rateFromPrevious: null, dropOff: null },
      { step: "delivered", count: 7, rateFromPrevious: 87.5, dropOff: 1 },
      { step: "opened", count: 3, rateFromPrevious: 42.86, dropOff: 4 },
      { step: "converted", count: 1, rateFromPrevious: 33.33, dropOff: 2 },
    ]);
    expect(stats.rates.revenuePerPush).toBe(3.75);
    expect(stats.benchmarks.openRate).toMatchObject({ low: 3, high: 8 });
    // Opens after 30 s, 4 min and 10 min: the middle open is the second of
    // three, halfway into the 1–5 min bucket by interpolation: 60 + 0.5 × 240.
    expect(stats.timeToOpen.opens).toBe(3);
    expect(stats.timeToOpen.buckets.slice(0, 4).map((bucket) => bucket.opens)).toEqual([
      1, 1, 1, 0,
    ]);
    expect(stats.timeToOpen.buckets[0]?.share).toBe(33.33);
    expect(stats.timeToOpen.median).toEqual({ seconds: 180, isLowerBound: false });
    expect(stats.timeToOpen.meanSeconds).toBe(290); // (30 + 240 + 600) / 3
    expect(stats.afterSend.firstSentAt).toBe(fixture.sentAt.toISOString());
    expect(stats.afterSend.hours).toEqual([
      { hour: 0, start: fixture.sentAt.toISOString(), opened: 3, converted: 0, revenue: 0 },
      {
        hour: 1,
        start: new Date(fixture.sentAt.getTime() + 3_600_000).toISOString(),
        opened: 0,
        converted: 1,
        revenue: 30,
      },
    ]);
    expect(stats.errors).toEqual([{ status: "failed", reason: "token_dead", count: 1 }]);
    expect(stats.skips).toEqual([{ reason: "frequency_cap", count: 1 }]);
    expect(stats.experiment).toBeNull();
  });

  it("a campaign with nothing sent has no rates, no median and no hours", async () => {
    const stats = await getCampaignAnalytics(fixture.app.id, fixture.campaigns.triggered);
    expect(stats.rates).toEqual(emptyRates);
    expect(stats.funnel.map((step) => [step.count, step.rateFromPrevious])).toEqual([
      [0, null],
      [0, null],
      [0, null],
      [0, null],
    ]);
    expect(stats.timeToOpen).toMatchObject({ opens: 0, median: null, meanSeconds: null });
    expect(stats.timeToOpen.buckets.every((bucket) => bucket.share === null)).toBe(true);
    expect(stats.afterSend).toEqual({
      firstSentAt: null,
      hours: [],
      later: { opened: 0, converted: 0, revenue: 0 },
    });
  });

  it("the public stats DTO carries the same numbers as the dashboard", async () => {
    const [stats, analytics] = await Promise.all([
      getCampaignStats(fixture.app.id, fixture.campaigns.marketing),
      getCampaignAnalytics(fixture.app.id, fixture.campaigns.marketing),
    ]);
    expect(stats).toMatchObject({
      total: 10,
      byStatus: { pending: 0, queued: 0, sent: 8, failed: 1, skipped: 1, expired: 0, canceled: 0 },
      byReason: [
        { status: "skipped", reason: "frequency_cap", count: 1 },
        { status: "failed", reason: "token_dead", count: 1 },
      ],
      sent: 8,
      delivered: 7,
      opened: 3,
      dismissed: 2,
      converted: 1,
      revenue: 30,
    });
    expect(stats.rates).toEqual(analytics.rates);
    expect(stats.byVariant).toHaveLength(1);
    expect(stats.byVariant[0]).toMatchObject({ key: "A", sent: 8, rates: analytics.rates });
  });

  it("lists campaigns with the period's figures, adding up to the overview", async () => {
    const list = await listCampaignStats(fixture.app.id, {
      from: fixture.from,
      to: fixture.to,
      limit: 1,
    });
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({
      name: "Order shipped",
      sent: 4,
      rates: { deliveryRate: 0 },
    });
    expect(list.nextCursor).not.toBeNull();
    const next = await listCampaignStats(fixture.app.id, {
      from: fixture.from,
      to: fixture.to,
      limit: 50,
      cursor: list.nextCursor ?? undefined,
    });
    expect(next.data.map((row) => [row.name, row.sent, row.rates.openRate])).toEqual([
      ["Spring sale", 8, 42.86],
    ]);
    expect(next.nextCursor).toBeNull();
  });
});
