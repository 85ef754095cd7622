import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { sendBatch } from "@/lib/delivery/send-batch";
import { logger } from "@/lib/logger";
import { PushTransportCache } from "@/lib/push/transport-cache";
import { closeQueues } from "@/lib/queue/queues";
import { deliveryCounts, launchedWithoutWorker, useDeliveryStack } from "@/tests/support/delivery";
import type { TestGateway } from "@/tests/support/gateway";

// BullMQ runs a job again once its lock lapsed, and the first run need not be
// dead: a worker whose event loop or Redis stalled past the lock is still
// sending. Here two runs of one send job overlap, as they then do.

const requestConcurrency = 8;
const flushSize = 10;

let gateway: TestGateway;
const transports: PushTransportCache[] = [];

beforeAll(async () => {
  gateway = await useDeliveryStack();
  gateway.gateway.setFaults({ web: { latencyMs: 30 } });
  process.env.HERALD_SEND_REQUEST_CONCURRENCY = String(requestConcurrency);
  process.env.HERALD_RESULT_FLUSH = String(flushSize);
});

afterEach(async () => {
  for (const cache of transports.splice(0)) await cache.close();
});

afterAll(async () => {
  delete process.env.HERALD_SEND_REQUEST_CONCURRENCY;
  delete process.env.HERALD_RESULT_FLUSH;
  await closeQueues();
  await gateway?.stop();
});

describe("a send job re-run while its first run is still going", () => {
  it("stops the first run at its next write: re-sends stay within what a crash would", async () => {
    const recipients = 300;
    // No worker here: the send job's runs are called directly.
    const launched = await launchedWithoutWorker(gateway.gateway, recipients, "stalled");
    const { campaignId } = launched;
    const job = { ...launched, jobId: `send-${campaignId}-stalled` };
    const runWith = (runToken: string) => {
      const cache = new PushTransportCache();
      transports.push(cache);
      return sendBatch({ ...job, runToken }, cache, logger);
    };

    const first = runWith("worker-a:1");
    while (gateway.gateway.stats(campaignId).accepted < 60) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // The first run's lock lapsed; BullMQ hands the job to another run.
    const second = runWith("worker-b:1");
    await Promise.all([first, second]);

    const stats = gateway.gateway.stats(campaignId);
    expect(stats.accepted - stats.duplicates).toBe(recipients);
    // What the first run had sent but not recorded when the second took its
    // rows (up to two groups of results and the requests in flight), plus what
    // it sent until its next write found them taken (up to two groups more).
    expect(stats.duplicates).toBeLessThanOrEqual(requestConcurrency + 4 * flushSize);
    expect(await deliveryCounts(campaignId)).toEqual({ sent: recipients });
    const campaign = await getDb().campaign.findUniqueOrThrow({
      where: { id: campaignId },
      select: { status: true },
    });
    expect(campaign.status).toBe("completed");
    console.log(`stalled run: ${stats.duplicates} re-sent`);
  });
});
