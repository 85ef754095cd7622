import { QueueEvents } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign, pauseCampaign, resumeCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { reconcileDeliveries } from "@/lib/delivery/reconcile";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import {
  addGatewayCredentials,
  deliveryCounts,
  seedDevices,
  startInProcessWorker,
  useDeliveryStack,
  waitForCampaignStatus,
} from "@/tests/support/delivery";
import { createTestApp, type TestApp } from "@/tests/support/factories";
import type { TestGateway } from "@/tests/support/gateway";

let gateway: TestGateway;
let stopWorker: () => Promise<void>;

beforeAll(async () => {
  process.env.HERALD_JOB_LOCK_MS = "5000";
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

async function newCampaign(
  app: TestApp,
  content: Record<string, unknown> = { title: "Hello", body: "World" },
) {
  const { id } = await createCampaign(
    app.id,
    createCampaignSchema.parse({ name: `faults ${Date.now()}`, variants: [{ content }] }),
    actorOf(app),
  );
  return id;
}

/** How many send jobs of the campaign are added to the queue while `during` runs. */
async function sendJobsAddedDuring(campaignId: string, during: () => Promise<void>) {
  const events = new QueueEvents("send", {
    connection: { url: getEnv().REDIS_URL },
    prefix: getEnv().HERALD_QUEUE_PREFIX,
  });
  await events.waitUntilReady();
  let added = 0;
  events.on("added", ({ jobId }) => {
    if (jobId.includes(campaignId)) added += 1;
  });
  try {
    await during();
  } finally {
    await events.close();
  }
  return added;
}

describe("delivery under provider faults", () => {
  it("delivers 10k recipients exactly once through 10% dead tokens and 20% 429/503 answers", async () => {
    const app = await createTestApp();
    await addGatewayCredentials(app, gateway.gateway);
    const platforms: Platform[] = Array.from({ length: 10_000 }, (_, index) =>
      index % 3 === 0 ? "web" : index % 3 === 1 ? "ios" : "android",
    );
    const devices = await seedDevices(app.id, gateway.gateway, platforms);
    const dead = devices.filter((_, index) => index % 10 === 0);
    for (const platform of ["web", "ios", "android"] as const) {
      gateway.gateway.addDeadTokens(
        platform,
        dead.filter((device) => device.platform === platform).map((device) => device.gatewayId),
      );
    }
    gateway.gateway.setFaults({
      web: { errors: { "429": 0.1, "503": 0.1 }, retryAfterSeconds: 1, latencyMs: 0 },
      ios: {
        errors: { TooManyRequests: 0.1, ServiceUnavailable: 0.1 },
        retryAfterSeconds: 1,
        latencyMs: 0,
      },
      android: {
        errors: { QUOTA_EXCEEDED: 0.1, UNAVAILABLE: 0.1 },
        retryAfterSeconds: 1,
        latencyMs: 0,
      },
    });
    for (const platform of ["web", "ios", "android"] as const) {
      gateway.gateway.addDeadTokens(
        platform,
        dead.filter((device) => device.platform === platform).map((device) => device.gatewayId),
      );
    }
    const campaignId = await newCampaign(app);
    await launchCampaign(app.id, campaignId, actorOf(app));
    expect(await waitForCampaignStatus(campaignId, ["completed"], 120_000)).toBe("completed");

    const stats = gateway.gateway.stats(campaignId);
    expect(stats.accepted).toBe(devices.length - dead.length);
    expect(stats.duplicates).toBe(0);
    // Every rejection is a request: retries stay well under one extra request per recipient.
    expect(stats.accepted + stats.rejected).toBeLessThanOrEqual(devices.length * 1.5);
    expect(await deliveryCounts(campaignId)).toEqual({
      sent: devices.length - dead.length,
      "failed:token_dead": dead.length,
    });
    const invalid = await getDb().device.count({ where: { appId: app.id, status: "invalid" } });
    expect(invalid).toBe(dead.length);
    gateway.gateway.reset();
    // Seeding 10k devices and waiting up to 120 s for the send need more than the project's 60 s.
  }, 240_000);

  it("pauses the app's platform on a credential failure without touching tokens, and resumes once fixed", async () => {
    const app = await createTestApp();
    await addGatewayCredentials(app, gateway.gateway);
    await seedDevices(app.id, gateway.gateway, [
      ...Array(20).fill("android"),
      ...Array(20).fill("web"),
    ]);
    gateway.gateway.setFaults({ android: { errors: { THIRD_PARTY_AUTH_ERROR: 1 } } });
    const campaignId = await newCampaign(app);
    await launchCampaign(app.id, campaignId, actorOf(app));

    const db = getDb();
    for (let waited = 0; waited < 30_000; waited += 100) {
      const web = await db.delivery.count({
        where: { campaignId, platform: "web", status: "sent" },
      });
      const credential = await db.pushCredential.findUnique({
        where: { appId_platform: { appId: app.id, platform: "android" } },
      });
      if (web === 20 && credential?.status === "failing") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const credential = await db.pushCredential.findUnique({
      where: { appId_platform: { appId: app.id, platform: "android" } },
    });
    expect(credential?.status).toBe("failing");
    expect(credential?.failureReason).toBeTruthy();
    expect(await db.device.count({ where: { appId: app.id, status: "active" } })).toBe(40);
    expect(
      await db.delivery.count({ where: { campaignId, platform: "android", status: "pending" } }),
    ).toBe(20);
    expect((await db.campaign.findUnique({ where: { id: campaignId } }))?.status).toBe("sending");

    // Its waiting rows are left alone until the fix: no send job re-queues
    // itself for them, and the reconciler does not re-enqueue them.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const enqueued = await sendJobsAddedDuring(campaignId, async () => {
      const stale = process.env.HERALD_RECONCILE_STALE_MS;
      process.env.HERALD_RECONCILE_STALE_MS = "1";
      try {
        await reconcileDeliveries(logger);
      } finally {
        if (stale === undefined) delete process.env.HERALD_RECONCILE_STALE_MS;
        else process.env.HERALD_RECONCILE_STALE_MS = stale;
      }
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    });
    expect(enqueued).toBe(0);

    // Another app on the same gateway keeps sending while this one is paused.
    const other = await createTestApp();
    await seedDevices(other.id, gateway.gateway, Array(5).fill("web"));
    const otherCampaign = await newCampaign(other);
    await launchCampaign(other.id, otherCampaign, actorOf(other));
    expect(await waitForCampaignStatus(otherCampaign, ["completed"])).toBe("completed");

    gateway.gateway.setFaults({ android: {} });
    await addGatewayCredentials(app, gateway.gateway);
    // Saving the fixed credential re-enqueues them at once (the reconciler would wait minutes).
    expect(await waitForCampaignStatus(campaignId, ["completed"], 30_000)).toBe("completed");
    expect(await deliveryCounts(campaignId)).toEqual({ sent: 40 });
  }, 150_000);

  it("stops at pause and completes after resume", async () => {
    const app = await createTestApp();
    await seedDevices(app.id, gateway.gateway, Array(300).fill("web"));
    gateway.gateway.setFaults({ web: { latencyMs: 20 } });
    const campaignId = await newCampaign(app);
    await launchCampaign(app.id, campaignId, actorOf(app));
    await pauseCampaign(app.id, campaignId, actorOf(app));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const sentWhilePaused = gateway.gateway.stats(campaignId).accepted;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(gateway.gateway.stats(campaignId).accepted).toBe(sentWhilePaused);
    expect(sentWhilePaused).toBeLessThan(300);

    await resumeCampaign(app.id, campaignId, actorOf(app));
    expect(await waitForCampaignStatus(campaignId, ["completed"])).toBe("completed");
    const stats = gateway.gateway.stats(campaignId);
    expect(stats.accepted).toBe(300);
    expect(stats.duplicates).toBe(0);
    gateway.gateway.setFaults({ web: {} });
  });

  it("rejects a payload that personalisation makes too large, before any request", async () => {
    const app = await createTestApp();
    const [device] = await seedDevices(app.id, gateway.gateway, ["web"]);
    await getDb().subscriber.updateMany({
      where: { appId: app.id },
      data: { attributes: { first_name: "x".repeat(5_000) } },
    });
    const before = gateway.gateway.stats();
    const campaignId = await newCampaign(app, { title: "Hi {{ first_name }}" });
    await launchCampaign(app.id, campaignId, actorOf(app));
    expect(await waitForCampaignStatus(campaignId, ["completed"])).toBe("completed");
    const row = await getDb().delivery.findFirst({ where: { campaignId, deviceId: device?.id } });
    expect(row?.status).toBe("failed");
    expect(row?.reason).toBe("payload_rejected");
    expect(row?.errorMessage).toMatch(/web.*bytes/i);
    const after = gateway.gateway.stats();
    expect(after.accepted + after.rejected).toBe(before.accepted + before.rejected);
  });
});
