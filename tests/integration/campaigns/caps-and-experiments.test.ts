import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { runDueSchedules } from "@/lib/campaigns/run-due-schedules";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
import { experimentResults } from "@/lib/experiments/variant-results";
import { logger } from "@/lib/logger";
import {
  deliveryCounts,
  seedDevices,
  useDeliveryStack,
  waitForCampaignStatus,
} from "@/tests/support/delivery";
import { createTestApp, type TestApp } from "@/tests/support/factories";
import type { TestGateway } from "@/tests/support/gateway";
import { spawnWorker, type WorkerProcess } from "@/tests/support/worker-process";

let gateway: TestGateway;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  gateway = await useDeliveryStack();
  // Two worker processes, so the cap is contended for real.
  workers.push(spawnWorker({ HERALD_SEND_BATCH: "20" }), spawnWorker({ HERALD_SEND_BATCH: "20" }));
});

afterAll(async () => {
  for (const worker of workers) worker.kill("SIGTERM");
  await Promise.all(workers.map((worker) => worker.exited));
  await gateway?.stop();
});

const actorOf = (app: TestApp) => ({
  kind: "user" as const,
  userId: app.owner.id,
  email: app.owner.email,
});

async function campaign(app: TestApp, input: Record<string, unknown>) {
  const { id } = await createCampaign(app.id, createCampaignSchema.parse(input), actorOf(app));
  return id;
}

describe("frequency capping", () => {
  it("never lets a subscriber past the cap, even with campaigns racing on two workers; transactional is uncapped", async () => {
    const app = await createTestApp();
    await getDb().app.update({
      where: { id: app.id },
      data: { marketingCapPerDay: 1, marketingCapPerWeek: 5 },
    });
    // 60 subscribers, 20 of them with two devices (a campaign counts once per person).
    const devices = await seedDevices(app.id, gateway.gateway, Array(60).fill("web"));
    const db = getDb();
    for (const device of devices.slice(0, 20)) {
      const row = await db.device.findUniqueOrThrow({ where: { id: device.id } });
      const second = gateway.gateway.mintWebSubscription(`${device.gatewayId}b`);
      await db.device.create({
        data: {
          appId: app.id,
          subscriberId: row.subscriberId,
          platform: "web",
          address: second.endpoint,
          webP256dh: second.keys.p256dh,
          webAuth: second.keys.auth,
        },
      });
    }
    const ids = await Promise.all(
      [1, 2, 3].map((n) =>
        campaign(app, { name: `Race ${n}`, variants: [{ content: { title: `Offer ${n}` } }] }),
      ),
    );
    await Promise.all(ids.map((id) => launchCampaign(app.id, id, actorOf(app))));
    for (const id of ids) expect(await waitForCampaignStatus(id, ["completed"])).toBe("completed");

    const perSubscriber = await db.$queryRaw<{ campaigns: bigint }[]>`
      SELECT count(DISTINCT "campaignId") AS campaigns FROM deliveries
      WHERE "campaignId" = ANY(${ids}) AND status = 'sent' GROUP BY "subscriberId"`;
    expect(perSubscriber).toHaveLength(60);
    expect(perSubscriber.every((row) => Number(row.campaigns) === 1)).toBe(true);
    const capped = await db.delivery.count({
      where: { campaignId: { in: ids }, status: "skipped", reason: "frequency_cap" },
    });
    expect(capped).toBe(80 * 3 - 80);

    const receipt = await campaign(app, {
      name: "Receipt",
      category: "transactional",
      variants: [{ content: { title: "Your order shipped" } }],
    });
    await launchCampaign(app.id, receipt, actorOf(app));
    expect(await waitForCampaignStatus(receipt, ["completed"])).toBe("completed");
    expect(await deliveryCounts(receipt)).toEqual({ sent: 80 });
  });
});

describe("A/B tests", () => {
  it("tests on a share, picks the winner the data shows, and sends only the winner to the rest", async () => {
    const app = await createTestApp();
    await seedDevices(app.id, gateway.gateway, Array(400).fill("web"));
    const db = getDb();
    const id = await campaign(app, {
      name: "Subject lines",
      variants: [{ content: { title: "Plain title" } }, { content: { title: "Exciting title!" } }],
      experiment: { testPercent: 25, winnerMetric: "open_rate", windowMinutes: 60 },
    });
    await launchCampaign(app.id, id, actorOf(app));
    // The test phase goes out, then the campaign waits for its winner.
    for (let waited = 0; ; waited += 100) {
      const pending = await db.delivery.count({
        where: { campaignId: id, status: { in: ["pending", "queued"] } },
      });
      const campaignRow = await db.campaign.findUniqueOrThrow({ where: { id } });
      if (campaignRow.launchCompletedAt && pending === 0) break;
      if (waited > 30_000) throw new Error("test phase did not finish");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const testRows = await db.delivery.findMany({
      where: { campaignId: id },
      include: { variant: true },
    });
    expect(testRows.length).toBeGreaterThan(60);
    expect(testRows.length).toBeLessThan(140);
    expect(testRows.every((row) => row.phase === "test")).toBe(true);
    expect((await db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("sending");

    // Receipts: B ("Exciting") is opened far more often than A.
    for (const [index, row] of testRows.entries()) {
      const opened = row.variant?.key === "B" ? index % 10 < 6 : index % 10 < 2;
      await db.delivery.update({
        where: { id: row.id },
        data: { deliveredAt: new Date(), openedAt: opened ? new Date() : null },
      });
    }
    const results = await experimentResults(id, "open_rate");
    const b = results.variants.find((variant) => variant.key === "B");
    expect(results.leaderVariantId).toBe(b?.variantId);
    expect(results.leaderConfidence).toBeGreaterThan(0.95);

    await runDueSchedules(logger, new Date(Date.now() + 61 * 60_000));
    expect(await waitForCampaignStatus(id, ["completed"], 60_000)).toBe("completed");
    const remainder = await db.delivery.findMany({ where: { campaignId: id, phase: "remainder" } });
    expect(remainder.length + testRows.length).toBe(400);
    expect(remainder.every((row) => row.variantId === b?.variantId)).toBe(true);
    const testDevices = new Set(testRows.map((row) => row.deviceId));
    expect(remainder.some((row) => testDevices.has(row.deviceId))).toBe(false);
    expect(
      (await db.variant.findUniqueOrThrow({ where: { id: b?.variantId ?? "" } })).isWinner,
    ).toBe(true);
    const stats = gateway.gateway.stats(id);
    expect(stats.accepted).toBe(400);
    expect(stats.duplicates).toBe(0);
  });

  it("assigns variants deterministically per subscriber in a plain split", async () => {
    const app = await createTestApp();
    await seedDevices(app.id, gateway.gateway, Array(200).fill("web"));
    const db = getDb();
    const first = await campaign(app, {
      name: "Split",
      variants: [{ content: { title: "A" } }, { content: { title: "B" } }],
      experiment: { mode: "split" },
    });
    await launchCampaign(app.id, first, actorOf(app));
    expect(await waitForCampaignStatus(first, ["completed"])).toBe("completed");
    const split = await db.delivery.groupBy({
      by: ["variantId"],
      where: { campaignId: first },
      _count: true,
    });
    expect(split).toHaveLength(2);
    for (const group of split) expect(group._count).toBeGreaterThan(60);
    // Assignment is a pure function of (subscriber, campaign): recomputing it agrees with what was stored.
    const mismatches = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM deliveries d JOIN variants v ON v.id = d."variantId"
      WHERE d."campaignId" = ${first}
        AND (v.key = 'A') <> ((abs(hashtextextended(d."subscriberId"::text || ':' || ${first}::text || '', 0)) % 10000) < 5000)`;
    expect(Number(mismatches[0]?.n)).toBe(0);
  });
});
