import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { disconnectDb, getDb } from "@/lib/db/client";
import { closeProducerConnection } from "@/lib/queue/connection";
import { closeQueues } from "@/lib/queue/queues";
import { disconnectRedis } from "@/lib/redis";
import { deliveryCounts, seedManyDevices, useDeliveryStack } from "@/tests/support/delivery";
import { createTestApp } from "@/tests/support/factories";
import type { TestGateway } from "@/tests/support/gateway";
import {
  type PrivatePostgres,
  type PrivateRedis,
  startPrivatePostgres,
  startPrivateRedis,
} from "@/tests/support/private-services";
import { tryRead, waitFor } from "@/tests/support/wait";
import { spawnWorker, type WorkerProcess } from "@/tests/support/worker-process";

// PostgreSQL and Redis restarted under 20,000-recipient sends, on private
// servers started for this file (the machine's are shared).

const tuning = {
  HERALD_SEND_JOB_CONCURRENCY: "4",
  HERALD_SEND_REQUEST_CONCURRENCY: "16",
  HERALD_SEND_BATCH: "200",
  HERALD_RESULT_FLUSH: "50",
  HERALD_TICK_MS: "500",
  HERALD_RECONCILE_STALE_MS: "2000",
  HERALD_JOB_LOCK_MS: "3000",
  // The outages' "job failed" errors are expected.
  LOG_LEVEL: "fatal",
};
const maxResent = 4 * (16 + 2 * 50);

let postgres: PrivatePostgres;
let redis: PrivateRedis;
let gateway: TestGateway;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  postgres = await startPrivatePostgres();
  redis = await startPrivateRedis();
  process.env.DATABASE_URL = postgres.databaseUrl;
  process.env.REDIS_URL = redis.url;
  gateway = await useDeliveryStack({}, { privateDatabase: true });
  gateway.gateway.setFaults({ web: { latencyMs: 5 }, android: { latencyMs: 5 } });
}, 5 * 60_000);

afterEach(async () => {
  if (worker && worker.child.exitCode === null) {
    worker.kill("SIGKILL");
    await worker.exited;
  }
});

afterAll(async () => {
  await closeQueues();
  await closeProducerConnection();
  await disconnectRedis();
  await disconnectDb();
  await gateway?.stop();
  await redis?.kill();
  await postgres?.destroy();
});

async function startCampaign(recipients: number): Promise<string> {
  const app = await createTestApp();
  await seedManyDevices(
    app.id,
    gateway.gateway,
    Array.from({ length: recipients }, (_, index) => (index % 4 === 0 ? "web" : "android")),
  );
  const { addGatewayCredentials } = await import("@/tests/support/delivery");
  await addGatewayCredentials(app, gateway.gateway);
  const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
  const { id } = await createCampaign(
    app.id,
    createCampaignSchema.parse({
      name: "restart",
      variants: [{ content: { title: "Still here" } }],
    }),
    actor,
  );
  worker = spawnWorker({ ...tuning, DATABASE_URL: postgres.databaseUrl, REDIS_URL: redis.url });
  await launchCampaign(app.id, id, actor);
  return id;
}

const sentCount = (campaignId: string) =>
  getDb().delivery.count({ where: { campaignId, status: "sent" } });

async function waitForCompleted(campaignId: string): Promise<void> {
  await waitFor(
    "the campaign completing",
    async () =>
      (
        await tryRead(() =>
          getDb().campaign.findUnique({ where: { id: campaignId }, select: { status: true } }),
        )
      )?.status === "completed",
    10 * 60_000,
    200,
  );
}

describe("restarts under a 20,000-recipient send", () => {
  it(
    "PostgreSQL restarted twice: nobody lost, the worker resumes by itself",
    async () => {
      const recipients = 20_000;
      const startedAt = Date.now();
      const campaignId = await startCampaign(recipients);
      for (const share of [0.3, 0.6]) {
        await waitFor(
          `${share} sent`,
          async () => (await sentCount(campaignId)) >= recipients * share,
          5 * 60_000,
          200,
        );
        await postgres.stop();
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        await postgres.start();
      }
      await waitForCompleted(campaignId);
      expect(worker?.child.exitCode).toBeNull();
      const stats = gateway.gateway.stats(campaignId);
      expect(stats.accepted - stats.duplicates).toBe(recipients);
      expect(stats.duplicates).toBeLessThanOrEqual(2 * maxResent);
      expect(await deliveryCounts(campaignId)).toEqual({ sent: recipients });
      console.log(
        `PostgreSQL restarted twice: ${recipients} recipients, 0 lost, ${stats.duplicates} re-sent (bound ${2 * maxResent}), ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
      );
    },
    15 * 60_000,
  );

  it(
    "Redis killed and restarted empty: the reconciler re-enqueues, nobody lost",
    async () => {
      const recipients = 20_000;
      const startedAt = Date.now();
      const campaignId = await startCampaign(recipients);
      await waitFor(
        "30% sent",
        async () => (await sentCount(campaignId)) >= recipients * 0.3,
        5 * 60_000,
        200,
      );
      await redis.kill();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await redis.start();
      await waitForCompleted(campaignId);
      expect(worker?.child.exitCode).toBeNull();
      const stats = gateway.gateway.stats(campaignId);
      expect(stats.accepted - stats.duplicates).toBe(recipients);
      expect(stats.duplicates).toBeLessThanOrEqual(maxResent);
      expect(await deliveryCounts(campaignId)).toEqual({ sent: recipients });
      console.log(
        `Redis killed and restarted empty: ${recipients} recipients, 0 lost, ${stats.duplicates} re-sent (bound ${maxResent}), ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
      );
    },
    15 * 60_000,
  );
});
