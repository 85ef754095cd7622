import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db/client";
import { sendBatch } from "@/lib/delivery/send-batch";
import { logger } from "@/lib/logger";
import { PushTransportCache } from "@/lib/push/transport-cache";
import { closeProducerConnection } from "@/lib/queue/connection";
import { closeQueues } from "@/lib/queue/queues";
import { disconnectRedis } from "@/lib/redis";
import { deliveryCounts, launchedWithoutWorker, useDeliveryStack } from "@/tests/support/delivery";
import type { TestGateway } from "@/tests/support/gateway";
import { type PrivateRedis, startPrivateRedis } from "@/tests/support/private-services";

// A send run that fails after claiming its rows (here: Redis, which the
// frequency caps need, is gone) must hand them back. Left claimed, they
// would wait out the claim lease (10 minutes) when Redis lost the job too.

let redis: PrivateRedis;
let gateway: TestGateway;
let transports: PushTransportCache;

beforeAll(async () => {
  redis = await startPrivateRedis();
  process.env.REDIS_URL = redis.url;
  gateway = await useDeliveryStack();
  // After the environment is set: the cache reads it once.
  transports = new PushTransportCache();
});

afterAll(async () => {
  await transports?.close();
  await closeQueues();
  await closeProducerConnection();
  await disconnectRedis();
  await disconnectDb();
  await gateway?.stop();
  await redis?.kill();
});

describe("a send run that fails after its claim", () => {
  it("hands its rows back, so another job sends them at once", async () => {
    const job = await launchedWithoutWorker(gateway.gateway, 20, "failed run");
    const { campaignId } = job;

    await redis.kill();
    await expect(
      sendBatch({ ...job, jobId: "send-lost", runToken: "worker-a:1" }, transports, logger),
    ).rejects.toThrow();
    expect(gateway.gateway.stats(campaignId).accepted).toBe(0);
    const rows = await getDb().delivery.findMany({
      where: { campaignId },
      select: { status: true, claimToken: true, attempts: true },
    });
    expect(rows).toHaveLength(20);
    expect(rows.every((row) => row.status === "pending" && row.claimToken === null)).toBe(true);
    expect(rows.every((row) => row.attempts === 0)).toBe(true);

    // Redis comes back empty: the job is gone, the reconciler enqueues a new one for the range.
    await redis.start();
    await sendBatch(
      { ...job, jobId: "send-reconciled", runToken: "worker-b:1" },
      transports,
      logger,
    );
    expect(await deliveryCounts(campaignId)).toEqual({ sent: 20 });
    expect(gateway.gateway.stats(campaignId).accepted).toBe(20);
  });
});
