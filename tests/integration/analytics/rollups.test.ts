import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
import {
  seedDevices,
  startInProcessWorker,
  useDeliveryStack,
  waitForCampaignStatus,
} from "@/tests/support/delivery";
import { createTestApp } from "@/tests/support/factories";
import type { TestGateway } from "@/tests/support/gateway";

let gateway: TestGateway;
let stopWorker: () => Promise<void>;

beforeAll(async () => {
  gateway = await useDeliveryStack();
  stopWorker = await startInProcessWorker();
});

afterAll(async () => {
  await stopWorker?.();
  await gateway?.stop();
});

type Totals = Record<string, number>;

async function fromRollups(campaignId: string): Promise<Map<string, Totals>> {
  const rows = await getDb().$queryRaw<(Totals & { key: string })[]>`
    SELECT "variantId" || '/' || platform AS key, sum(sent)::int AS sent, sum(failed)::int AS failed,
           sum(skipped)::int AS skipped, sum(delivered)::int AS delivered, sum(opened)::int AS opened,
           sum(dismissed)::int AS dismissed, sum(converted)::int AS converted, sum(revenue)::float8 AS revenue
    FROM delivery_rollups WHERE "campaignId" = ${campaignId} GROUP BY 1`;
  return new Map(rows.map(({ key, ...totals }) => [key, totals]));
}

async function fromRawRows(campaignId: string): Promise<Map<string, Totals>> {
  const rows = await getDb().$queryRaw<(Totals & { key: string })[]>`
    SELECT COALESCE("variantId", '') || '/' || platform AS key,
           count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status = 'failed')::int AS failed,
           count(*) FILTER (WHERE status = 'skipped')::int AS skipped,
           count("deliveredAt")::int AS delivered, count("openedAt")::int AS opened,
           count("dismissedAt")::int AS dismissed, count("convertedAt")::int AS converted,
           COALESCE(sum(revenue), 0)::float8 AS revenue
    FROM deliveries WHERE "campaignId" = ${campaignId} GROUP BY 1`;
  return new Map(rows.map(({ key, ...totals }) => [key, totals]));
}

/** The send-hour (cohort) rollup, per platform, all hours together. */
async function cohortsFromRollups(campaignId: string): Promise<Map<string, Totals>> {
  const rows = await getDb().$queryRaw<(Totals & { key: string })[]>`
    SELECT platform::text AS key, sum(sent)::int AS sent, sum(failed)::int AS failed,
           sum(skipped)::int AS skipped, sum(delivered)::int AS delivered, sum(opened)::int AS opened,
           sum(dismissed)::int AS dismissed, sum(converted)::int AS converted, sum(revenue)::float8 AS revenue
    FROM delivery_cohort_rollups WHERE "campaignId" = ${campaignId} GROUP BY 1`;
  return new Map(rows.map(({ key, ...totals }) => [key, totals]));
}

async function cohortsFromRawRows(campaignId: string): Promise<Map<string, Totals>> {
  const rows = await getDb().$queryRaw<(Totals & { key: string })[]>`
    SELECT platform::text AS key,
           count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status = 'failed')::int AS failed,
           count(*) FILTER (WHERE status = 'skipped')::int AS skipped,
           count("deliveredAt")::int AS delivered, count("openedAt")::int AS opened,
           count("dismissedAt")::int AS dismissed, count("convertedAt")::int AS converted,
           COALESCE(sum(revenue), 0)::float8 AS revenue
    FROM deliveries WHERE "campaignId" = ${campaignId} GROUP BY 1`;
  return new Map(rows.map(({ key, ...totals }) => [key, totals]));
}

/** Receipts of sent pushes by the hour the push was sent: where the cohort rollup files them. */
async function receiptsBySendHour(campaignId: string, fromRollups: boolean) {
  const db = getDb();
  const rows = fromRollups
    ? await db.$queryRaw<Totals[]>`
        SELECT to_char(hour, 'YYYY-MM-DD HH24') AS hour, sum(sent)::int AS sent, sum(delivered)::int AS delivered,
               sum(opened)::int AS opened, sum(converted)::int AS converted, sum(revenue)::float8 AS revenue
        FROM delivery_cohort_rollups WHERE "campaignId" = ${campaignId} AND sent > 0 GROUP BY 1 ORDER BY 1`
    : await db.$queryRaw<Totals[]>`
        SELECT to_char(date_trunc('hour', "sentAt"), 'YYYY-MM-DD HH24') AS hour, count(*)::int AS sent,
               count("deliveredAt")::int AS delivered, count("openedAt")::int AS opened,
               count("convertedAt")::int AS converted, COALESCE(sum(revenue), 0)::float8 AS revenue
        FROM deliveries WHERE "campaignId" = ${campaignId} AND status = 'sent' GROUP BY 1 ORDER BY 1`;
  return rows;
}

describe("delivery rollups", () => {
  it("stay equal to what the raw delivery rows say, through sends, failures, skips and receipts", async () => {
    const app = await createTestApp();
    const devices = await seedDevices(app.id, gateway.gateway, [
      ...Array(150).fill("web"),
      ...Array(100).fill("android"),
      ...Array(50).fill("ios"),
    ]);
    gateway.gateway.addDeadTokens(
      "web",
      devices
        .filter((device, index) => device.platform === "web" && index % 7 === 0)
        .map((device) => device.gatewayId),
    );
    const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
    const topic = await getDb().topic.create({
      data: { appId: app.id, key: "deals", name: "Deals", defaultOptIn: false },
    });
    const { id } = await createCampaign(
      app.id,
      createCampaignSchema.parse({
        name: "Rollups",
        topicId: topic.id,
        variants: [{ content: { title: "A" } }, { content: { title: "B" } }],
      }),
      actor,
    );
    // Half of the subscribers opted in to the topic; the rest are skipped for preference.
    const db = getDb();
    const subscribers = await db.subscriber.findMany({
      where: { appId: app.id },
      select: { id: true },
    });
    await db.subscriberTopicPreference.createMany({
      data: subscribers
        .filter((_, index) => index % 2 === 0)
        .map((subscriber) => ({
          subscriberId: subscriber.id,
          topicId: topic.id,
          optedIn: true,
        })),
    });
    await launchCampaign(app.id, id, actor);
    expect(await waitForCampaignStatus(id, ["completed"])).toBe("completed");

    // Receipts arrive in several statements, some rows touched twice.
    const sent = await db.delivery.findMany({
      where: { campaignId: id, status: "sent" },
      orderBy: { id: "asc" },
    });
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    await db.delivery.updateMany({
      where: { id: { in: sent.slice(0, 90).map((row) => row.id) } },
      data: { deliveredAt: at(0) },
    });
    await db.delivery.updateMany({
      where: { id: { in: sent.slice(0, 40).map((row) => row.id) } },
      data: { openedAt: at(7) },
    });
    await db.delivery.updateMany({
      where: { id: { in: sent.slice(40, 50).map((row) => row.id) } },
      data: { dismissedAt: at(2) },
    });
    for (const row of sent.slice(0, 8)) {
      await db.delivery.update({
        where: { id: row.id },
        data: { convertedAt: at(30), revenue: 19.99 },
      });
    }
    await db.delivery.update({ where: { id: sent[0]?.id ?? 0n }, data: { revenue: 39.98 } });

    const expected = await fromRawRows(id);
    const actual = await fromRollups(id);
    expect(actual).toEqual(expected);
    // The send-hour rollup agrees with the rows too, and files receipts with their push's send hour.
    expect(await cohortsFromRollups(id)).toEqual(await cohortsFromRawRows(id));
    expect(await receiptsBySendHour(id, true)).toEqual(await receiptsBySendHour(id, false));
    expect(
      [...expected.values()].reduce((sum, totals) => sum + (totals.skipped ?? 0), 0),
    ).toBeGreaterThan(100);

    const reasons = await db.deliveryReasonRollup.groupBy({
      by: ["status", "reason"],
      where: { campaignId: id },
      _sum: { count: true },
    });
    const rawReasons = await db.delivery.groupBy({
      by: ["status", "reason"],
      where: { campaignId: id, status: { in: ["failed", "skipped"] } },
      _count: true,
    });
    expect(
      reasons.map((group) => `${group.status}:${group.reason}=${group._sum.count}`).sort(),
    ).toEqual(rawReasons.map((group) => `${group.status}:${group.reason}=${group._count}`).sort());

    const [delays] = await db.$queryRaw<{ total: number; within15: number }[]>`
      SELECT sum(opened)::int AS total, sum("opensWithin15m")::int AS within15 FROM delivery_rollups WHERE "campaignId" = ${id}`;
    expect(delays).toEqual({ total: 40, within15: 40 });
  });
});
