import { describe, expect, it } from "vitest";
import { getCampaignAnalytics } from "@/lib/analytics/get-campaign-analytics";
import { getOverviewStats } from "@/lib/analytics/get-overview-stats";
import { getDb } from "@/lib/db/client";
import { ingestEvents } from "@/lib/events/ingest-events";
import { createTestApp, randomId } from "@/tests/support/factories";

const HOUR = 3_600_000;

// Conversions reach the analytics only through the events engineer's
// ingestion and attribution (lib/events): a purchase counts for the push its
// subscriber opened last, at most `attributionWindowHours` before it,
// inclusive at both ends. These are the edges as the metrics see them.
describe("attribution window in the metrics", () => {
  it("counts a purchase at the window's end, not one a second later nor one before the open", async () => {
    const app = await createTestApp();
    const db = getDb();
    await db.app.update({ where: { id: app.id }, data: { attributionWindowHours: 6 } });
    const campaign = await db.campaign.create({
      data: { appId: app.id, name: "Flash sale", category: "marketing", status: "completed" },
    });
    const sentAt = new Date(Date.now() - 10 * HOUR);
    const openedAt = new Date(sentAt.getTime() + HOUR);
    const people = await Promise.all(
      ["edge", "late", "early", "organic"].map(async (name) => {
        const externalId = `${name}-${randomId(6)}`;
        const subscriber = await db.subscriber.create({ data: { appId: app.id, externalId } });
        const device = await db.device.create({
          data: {
            appId: app.id,
            subscriberId: subscriber.id,
            platform: "android",
            address: `fcm-${randomId(16)}`,
          },
        });
        return { name, externalId, subscriber, device };
      }),
    );
    // Three of them got the push and opened it; the fourth never got one.
    const pushed = people.slice(0, 3);
    await db.delivery.createMany({
      data: pushed.map((person) => ({
        appId: app.id,
        campaignId: campaign.id,
        subscriberId: person.subscriber.id,
        deviceId: person.device.id,
        platform: "android" as const,
        status: "sent" as const,
        sentAt,
      })),
    });
    const deliveries = await db.delivery.findMany({ where: { campaignId: campaign.id } });
    const deliveryOf = (subscriberId: bigint) =>
      deliveries.find((row) => row.subscriberId === subscriberId)?.id.toString() ?? "";
    await ingestEvents(app.id, {
      events: pushed.map((person) => ({
        externalId: person.externalId,
        name: "opened",
        deliveryId: deliveryOf(person.subscriber.id),
        occurredAt: openedAt.toISOString(),
        properties: {},
      })),
    });
    const purchase = (externalId: string, at: number, revenue: number) => ({
      externalId,
      name: "purchase",
      properties: {},
      revenue,
      currency: "EUR",
      occurredAt: new Date(at).toISOString(),
    });
    const [edge, late, early, organic] = people.map((person) => person.externalId);
    await ingestEvents(app.id, {
      events: [
        purchase(edge ?? "", openedAt.getTime() + HOUR, 10), // inside: counts, with revenue
        purchase(edge ?? "", openedAt.getTime() + 6 * HOUR, 40), // the window's last instant: counts
        purchase(late ?? "", openedAt.getTime() + 6 * HOUR + 1_000, 25), // a second late: does not
        purchase(early ?? "", openedAt.getTime() - 1_000, 15), // before the open: does not
        purchase(organic ?? "", openedAt.getTime() + HOUR, 99), // no push at all: does not
      ],
    });

    const stats = await getCampaignAnalytics(app.id, campaign.id);
    expect(stats.totals).toMatchObject({
      sent: 3,
      delivered: 3,
      opened: 3,
      converted: 1,
      revenue: 50,
    });
    expect(stats.rates).toEqual({
      deliveryRate: 100, // an open proves delivery
      openRate: 100,
      conversionRate: 33.33, // 1 converted / 3 opened
      revenuePerPush: 16.6667, // 50 / 3 sent
    });
    const overview = await getOverviewStats(app.id, { days: 2 });
    expect(overview.totals).toMatchObject({ converted: 1, revenue: 50 });
    expect(overview.rates.revenuePerPush).toBe(16.6667);
  });
});
