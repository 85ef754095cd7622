import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
import { ingestEvents } from "@/lib/events/ingest-events";
import { logger } from "@/lib/logger";
import { detectInactivity, runDueTriggers } from "@/lib/triggers/run-due-triggers";
import { seedDevices, startInProcessWorker, useDeliveryStack } from "@/tests/support/delivery";
import { createTestApp, type TestApp } from "@/tests/support/factories";
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

const actorOf = (app: TestApp) => ({
  kind: "user" as const,
  userId: app.owner.id,
  email: app.owner.email,
});

async function subscribersOf(appId: string) {
  return getDb().subscriber.findMany({
    where: { appId },
    orderBy: { id: "asc" },
    select: { id: true },
  });
}

/** Tracks an event through the real ingestion path (which records trigger firings). */
async function track(appId: string, subscriberId: bigint, name: string, occurredAt: Date) {
  const subscriber = await getDb().subscriber.findUniqueOrThrow({ where: { id: subscriberId } });
  await ingestEvents(appId, {
    events: [
      {
        externalId: subscriber.externalId ?? "",
        name,
        properties: {},
        occurredAt: occurredAt.toISOString(),
      },
    ],
  });
}

async function firingCount(campaignId: string): Promise<number> {
  return getDb().triggerFire.count({ where: { campaignId } });
}

async function sentTo(campaignId: string): Promise<bigint[]> {
  for (let waited = 0; waited < 20_000; waited += 100) {
    const open = await getDb().delivery.count({
      where: { campaignId, status: { in: ["pending", "queued"] } },
    });
    if (open === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const rows = await getDb().delivery.findMany({
    where: { campaignId, status: "sent" },
    select: { subscriberId: true },
  });
  return rows.map((row) => row.subscriberId ?? 0n).sort();
}

describe("triggered campaigns", () => {
  it("fires on an event after its delay, once per period, and not for someone who exited", async () => {
    const app = await createTestApp();
    await seedDevices(app.id, gateway.gateway, ["web", "web", "web"]);
    const [abandoner, buyer, repeat] = await subscribersOf(app.id);
    const { id } = await createCampaign(
      app.id,
      createCampaignSchema.parse({
        name: "Abandoned cart",
        category: "triggered",
        trigger: {
          type: "event",
          event: "cart_abandoned",
          delayMinutes: 30,
          exitEvents: ["purchase"],
          oncePerHours: 24,
        },
        variants: [{ content: { title: "You left something behind" } }],
      }),
      actorOf(app),
    );
    expect(await launchCampaign(app.id, id, actorOf(app))).toEqual({ status: "sending" });
    const start = new Date();
    await track(app.id, abandoner?.id ?? 0n, "cart_abandoned", start);
    await track(app.id, buyer?.id ?? 0n, "cart_abandoned", start);
    await track(app.id, repeat?.id ?? 0n, "cart_abandoned", start);
    await track(app.id, repeat?.id ?? 0n, "cart_abandoned", new Date(start.getTime() + 60_000));
    expect(await firingCount(id)).toBe(3);
    // The buyer purchases before the 30 minutes are up: they exit.
    await track(app.id, buyer?.id ?? 0n, "purchase", new Date(start.getTime() + 10 * 60_000));

    await runDueTriggers(logger, new Date(start.getTime() + 5 * 60_000));
    expect(await getDb().delivery.count({ where: { campaignId: id } })).toBe(0);

    await runDueTriggers(logger, new Date(start.getTime() + 31 * 60_000));
    expect(await sentTo(id)).toEqual([abandoner?.id, repeat?.id].sort());
    const fires = await getDb().triggerFire.groupBy({
      by: ["status"],
      where: { campaignId: id },
      _count: true,
    });
    expect(Object.fromEntries(fires.map((group) => [group.status, group._count]))).toEqual({
      sent: 2,
      exited: 1,
    });

    // The same event again within the period fires nothing new.
    await track(app.id, abandoner?.id ?? 0n, "cart_abandoned", new Date());
    expect(await firingCount(id)).toBe(3);
    expect(gateway.gateway.stats(id).accepted).toBe(2);
  });

  it("fires an inactivity campaign once for subscribers not seen for N days", async () => {
    const app = await createTestApp();
    await seedDevices(app.id, gateway.gateway, ["web", "web"]);
    const [dormant, active] = await subscribersOf(app.id);
    const db = getDb();
    await db.subscriber.update({
      where: { id: dormant?.id ?? 0n },
      data: { lastSeenAt: new Date(Date.now() - 10 * 86_400_000) },
    });
    await db.subscriber.update({
      where: { id: active?.id ?? 0n },
      data: { lastSeenAt: new Date() },
    });
    const { id } = await createCampaign(
      app.id,
      createCampaignSchema.parse({
        name: "We miss you",
        category: "triggered",
        trigger: { type: "inactivity", days: 7 },
        variants: [{ content: { title: "Come back for 10% off" } }],
      }),
      actorOf(app),
    );
    await launchCampaign(app.id, id, actorOf(app));
    expect(await detectInactivity()).toBe(1);
    expect(await detectInactivity()).toBe(0);
    await runDueTriggers(logger);
    expect(await sentTo(id)).toEqual([dormant?.id]);
    expect((await db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("sending");
  });

  it("refuses a triggered campaign without a trigger, and a trigger on another category", async () => {
    const app = await createTestApp();
    await expect(
      createCampaign(
        app.id,
        createCampaignSchema.parse({
          name: "x",
          category: "triggered",
          variants: [{ content: { title: "x" } }],
        }),
        actorOf(app),
      ),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: { fields: [{ field: "trigger" }] },
    });
    await expect(
      createCampaign(
        app.id,
        createCampaignSchema.parse({
          name: "x",
          trigger: { type: "inactivity", days: 3 },
          variants: [{ content: { title: "x" } }],
        }),
        actorOf(app),
      ),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });
});
