import { generateKeyPairSync } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { saveCredential } from "@/lib/credentials/credentials";
import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import type { DeviceRequest } from "@/lib/gateway/records";
import { defaultSendTimeoutMs } from "@/lib/push/transport";
import { closeQueues, getQueue } from "@/lib/queue/queues";
import {
  addGatewayCredentials,
  deliveryCounts,
  type SeededDevice,
  seedManyDevices,
  useDeliveryStack,
  waitForCampaignStatus,
} from "@/tests/support/delivery";
import { createTestApp, type TestApp } from "@/tests/support/factories";
import type { TestGateway } from "@/tests/support/gateway";
import { spawnWorker, type WorkerProcess } from "@/tests/support/worker-process";

// tests/integration/faults at ten times the size, through a real worker process.

let gateway: TestGateway;
let worker: WorkerProcess;

beforeAll(async () => {
  gateway = await useDeliveryStack({ requestLog: true });
  worker = spawnWorker({ HERALD_TICK_MS: "1000" });
});

afterEach(() => gateway.gateway.reset());

afterAll(async () => {
  worker?.kill("SIGTERM");
  await worker?.exited;
  await closeQueues();
  await gateway?.stop();
});

const actorOf = (app: TestApp) => ({
  kind: "user" as const,
  userId: app.owner.id,
  email: app.owner.email,
});

async function launch(app: TestApp, ttlSeconds?: number): Promise<string> {
  const { id } = await createCampaign(
    app.id,
    createCampaignSchema.parse({
      name: `faults at scale ${Date.now()}`,
      variants: [{ content: { title: "Hello", body: "At scale" } }],
    }),
    actorOf(app),
  );
  if (ttlSeconds !== undefined) {
    await getDb().campaign.update({ where: { id }, data: { ttlSeconds } });
  }
  await launchCampaign(app.id, id, actorOf(app));
  return id;
}

const requestsOf = (device: SeededDevice): DeviceRequest[] =>
  gateway.gateway.deviceRequests(device.platform, device.gatewayId);

describe("provider faults at scale", () => {
  it(
    "30,000 recipients through 30 % 429/503: all delivered in time, no early retry, ≤ 1.5 requests each",
    async () => {
      const app = await createTestApp();
      await addGatewayCredentials(app, gateway.gateway);
      const devices = await seedManyDevices(
        app.id,
        gateway.gateway,
        Array.from({ length: 30_000 }, (_, index): Platform => (index % 2 ? "android" : "web")),
      );
      const retryAfterSeconds = 2;
      gateway.gateway.setFaults({
        web: { errors: { "429": 0.15, "503": 0.15 }, retryAfterSeconds, latencyMs: 0 },
        android: {
          errors: { QUOTA_EXCEEDED: 0.15, UNAVAILABLE: 0.15 },
          retryAfterSeconds,
          latencyMs: 0,
        },
      });
      const launchedAt = Date.now();
      const campaignId = await launch(app);
      expect(await waitForCampaignStatus(campaignId, ["completed"], 10 * 60_000)).toBe("completed");
      const seconds = (Date.now() - launchedAt) / 1000;

      const stats = gateway.gateway.stats(campaignId);
      expect(stats.accepted).toBe(devices.length);
      expect(stats.duplicates).toBe(0);
      expect(stats.rejected).toBeGreaterThan(devices.length * 0.2);
      expect(stats.accepted + stats.rejected).toBeLessThanOrEqual(devices.length * 1.5);
      expect(await deliveryCounts(campaignId)).toEqual({ sent: devices.length });
      const { expiresAt } = await getDb().campaign.findUniqueOrThrow({
        where: { id: campaignId },
        select: { expiresAt: true },
      });
      expect(
        await getDb().delivery.count({
          where: { campaignId, sentAt: { gt: expiresAt ?? new Date(0) } },
        }),
      ).toBe(0);
      const tooSoon: number[] = [];
      let retries = 0;
      for (const device of devices) {
        const requests = requestsOf(device);
        for (let index = 1; index < requests.length; index++) {
          retries++;
          const gap = (requests[index]?.at ?? 0) - (requests[index - 1]?.at ?? 0);
          if (gap < retryAfterSeconds * 1000) tooSoon.push(gap);
        }
      }
      expect(retries).toBe(stats.rejected);
      expect(tooSoon).toEqual([]);
      console.log(
        `429/503: ${devices.length} recipients, ${stats.accepted} delivered, ${stats.duplicates} duplicates, ${stats.rejected} refused, ${((stats.accepted + stats.rejected) / devices.length).toFixed(3)} requests per recipient, 0 retries before Retry-After, ${seconds.toFixed(0)} s`,
      );
    },
    12 * 60_000,
  );

  it(
    "3,000 recipients with 5 % of requests hanging: each retried after the timeout, nothing stuck",
    async () => {
      const app = await createTestApp();
      await addGatewayCredentials(app, gateway.gateway);
      const devices = await seedManyDevices(
        app.id,
        gateway.gateway,
        Array.from(
          { length: 3_000 },
          (_, index): Platform => (index % 3 === 0 ? "web" : index % 3 === 1 ? "ios" : "android"),
        ),
      );
      gateway.gateway.setFaults({
        web: { hangRate: 0.05, latencyMs: 0 },
        ios: { hangRate: 0.05, latencyMs: 0 },
        android: { hangRate: 0.05, latencyMs: 0 },
      });
      const launchedAt = Date.now();
      const campaignId = await launch(app);
      expect(await waitForCampaignStatus(campaignId, ["completed"], 10 * 60_000)).toBe("completed");
      const seconds = (Date.now() - launchedAt) / 1000;
      const stats = gateway.gateway.stats(campaignId);
      expect(stats.accepted).toBe(devices.length);
      expect(stats.duplicates).toBe(0);
      const hung = stats.rejectedByReason.no_answer ?? 0;
      expect(hung).toBeGreaterThan(50);
      let followed = 0;
      let shortestGap = Number.POSITIVE_INFINITY;
      for (const device of devices) {
        const requests = requestsOf(device);
        for (let index = 0; index < requests.length - 1; index++) {
          if (requests[index]?.outcome !== "no_answer") continue;
          followed++;
          const gap = (requests[index + 1]?.at ?? 0) - (requests[index]?.at ?? 0);
          shortestGap = Math.min(shortestGap, gap);
          // The sender's clock starts before the gateway sees the request: allow a second.
          expect(gap).toBeGreaterThanOrEqual(defaultSendTimeoutMs - 1_000);
        }
        expect(requests.at(-1)?.outcome).toBe("accepted");
      }
      // Every hung request was given up on and followed by another.
      expect(followed).toBe(hung);
      const deadline = Date.now() + 60_000;
      let counts = await getQueue("send").getJobCounts("active", "waiting", "delayed");
      while ((counts.active ?? 0) + (counts.waiting ?? 0) + (counts.delayed ?? 0) > 0) {
        if (Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
        counts = await getQueue("send").getJobCounts("active", "waiting", "delayed");
      }
      expect(counts).toEqual({ active: 0, waiting: 0, delayed: 0 });
      expect(
        await getDb().delivery.count({
          where: { campaignId, status: { in: ["queued", "pending"] } },
        }),
      ).toBe(0);
      console.log(
        `hung requests: ${devices.length} recipients, ${hung} requests hung, each retried (shortest gap ${shortestGap} ms, timeout ${defaultSendTimeoutMs} ms), ${stats.duplicates} duplicates, no job or row left, ${seconds.toFixed(0)} s`,
      );
    },
    12 * 60_000,
  );

  it(
    "5,000 recipients with the provider down past the TTL: nothing sent after expiry, all expired",
    async () => {
      const app = await createTestApp();
      const devices = await seedManyDevices(app.id, gateway.gateway, Array(5_000).fill("web"));
      gateway.gateway.setFaults({
        web: { errors: { "503": 1 }, retryAfterSeconds: 1, latencyMs: 20 },
      });
      const campaignId = await launch(app, 8);
      const { expiresAt } = await getDb().campaign.findUniqueOrThrow({
        where: { id: campaignId },
        select: { expiresAt: true },
      });
      const deadline = expiresAt?.getTime() ?? 0;
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, deadline + 1_000 - Date.now())),
      );
      gateway.gateway.setFaults({ web: { latencyMs: 0 } });
      expect(await waitForCampaignStatus(campaignId, ["completed"], 5 * 60_000)).toBe("completed");
      const stats = gateway.gateway.stats(campaignId);
      expect(stats.rejected).toBeGreaterThan(0);
      expect(stats.accepted).toBe(0);
      expect(await deliveryCounts(campaignId)).toEqual({ "expired:ttl_expired": devices.length });
      console.log(
        `provider down past the TTL: ${devices.length} recipients, ${stats.rejected} refused requests, 0 sent after expiry, ${devices.length} rows expired`,
      );
    },
    10 * 60_000,
  );

  it(
    "a revoked FCM key on one app of two sending 10,000 each: that app's Android paused, its web and the other app unaffected, no token touched",
    async () => {
      const broken = await createTestApp();
      const healthy = await createTestApp();
      await addGatewayCredentials(healthy, gateway.gateway);
      // A service account the gateway issued, whose key was then rotated away:
      // Google's token endpoint refuses the assertion, as for a revoked key.
      const account = gateway.gateway.mintFcmServiceAccount();
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const revoked = {
        ...account,
        private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      };
      await saveCredential(
        broken.id,
        { platform: "android", input: { serviceAccountJson: JSON.stringify(revoked) } },
        actorOf(broken),
      );
      const half = (index: number): Platform => (index % 2 ? "android" : "web");
      await seedManyDevices(
        broken.id,
        gateway.gateway,
        Array.from({ length: 10_000 }, (_, i) => half(i)),
      );
      await seedManyDevices(healthy.id, gateway.gateway, Array(10_000).fill("android"));
      gateway.gateway.setFaults({ web: { latencyMs: 0 }, android: { latencyMs: 0 } });
      const [brokenCampaign, healthyCampaign] = await Promise.all([
        launch(broken),
        launch(healthy),
      ]);

      expect(await waitForCampaignStatus(healthyCampaign, ["completed"], 10 * 60_000)).toBe(
        "completed",
      );
      const db = getDb();
      const deadline = Date.now() + 5 * 60_000;
      while (
        (await db.delivery.count({
          where: { campaignId: brokenCampaign, platform: "web", status: "sent" },
        })) < 5_000
      ) {
        if (Date.now() > deadline)
          throw new Error("the broken app's web pushes did not all go out");
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const healthyStats = gateway.gateway.stats(healthyCampaign);
      expect(healthyStats.accepted).toBe(10_000);
      expect(healthyStats.duplicates).toBe(0);
      expect(await deliveryCounts(healthyCampaign)).toEqual({ sent: 10_000 });

      const credential = await db.pushCredential.findUniqueOrThrow({
        where: { appId_platform: { appId: broken.id, platform: "android" } },
      });
      expect(credential.status).toBe("failing");
      expect(await db.device.count({ where: { appId: broken.id, status: "active" } })).toBe(10_000);
      expect(
        await db.delivery.count({
          where: { campaignId: brokenCampaign, platform: "android", status: "pending" },
        }),
      ).toBe(5_000);
      expect(gateway.gateway.stats(brokenCampaign).byPlatform.android.accepted).toBe(0);
      expect((await db.campaign.findUniqueOrThrow({ where: { id: brokenCampaign } })).status).toBe(
        "sending",
      );

      // A working key is uploaded: the paused pushes go out, once each.
      await saveCredential(
        broken.id,
        {
          platform: "android",
          input: { serviceAccountJson: JSON.stringify(gateway.gateway.mintFcmServiceAccount()) },
        },
        actorOf(broken),
      );
      expect(await waitForCampaignStatus(brokenCampaign, ["completed"], 5 * 60_000)).toBe(
        "completed",
      );
      const brokenStats = gateway.gateway.stats(brokenCampaign);
      expect(brokenStats.accepted).toBe(10_000);
      expect(brokenStats.duplicates).toBe(0);
      expect(await deliveryCounts(brokenCampaign)).toEqual({ sent: 10_000 });
      console.log(
        `credential failure: 2 apps × 10,000; the broken app's 5,000 Android pushes waited with its credential failing (0 tokens touched) and went out once after a new key; the other app and the broken app's 5,000 web pushes unaffected; 0 duplicates`,
      );
    },
    12 * 60_000,
  );
});
