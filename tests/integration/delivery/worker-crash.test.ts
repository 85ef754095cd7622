import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
import { closeQueues } from "@/lib/queue/queues";
import {
  deliveryCounts,
  seedDevices,
  useDeliveryStack,
  waitForCampaignStatus,
} from "@/tests/support/delivery";
import { createTestApp } from "@/tests/support/factories";
import type { TestGateway } from "@/tests/support/gateway";
import { spawnWorker, type WorkerProcess } from "@/tests/support/worker-process";

// Slow enough that the kill lands mid-campaign; small enough to bound in-flight work.
const workerTuning = {
  HERALD_SEND_JOB_CONCURRENCY: "2",
  HERALD_SEND_REQUEST_CONCURRENCY: "8",
  HERALD_SEND_BATCH: "100",
  HERALD_RESULT_FLUSH: "10",
  HERALD_JOB_LOCK_MS: "3000",
};
// Requests in flight plus results not yet recorded, per job, times jobs at once.
const maxInFlight = 2 * (8 + 10);

let gateway: TestGateway;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  gateway = await useDeliveryStack();
  gateway.gateway.setFaults({ web: { latencyMs: 15 } });
});

afterEach(async () => {
  for (const worker of workers.splice(0)) {
    worker.kill("SIGKILL");
    await worker.exited;
  }
});

afterAll(async () => {
  await closeQueues();
  await gateway?.stop();
});

async function sentCount(campaignId: string): Promise<number> {
  return getDb().delivery.count({ where: { campaignId, status: "sent" } });
}

/** A fresh app per campaign, so "everyone" is exactly the devices seeded here. */
async function launchWebCampaign(recipients: number): Promise<string> {
  const app = await createTestApp();
  await seedDevices(app.id, gateway.gateway, Array(recipients).fill("web"));
  const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
  const { id } = await createCampaign(
    app.id,
    createCampaignSchema.parse({
      name: `crash ${Date.now()}`,
      variants: [{ content: { title: "Hello" } }],
    }),
    actor,
  );
  await launchCampaign(app.id, id, actor);
  return id;
}

describe("a worker that dies mid-campaign", () => {
  it("loses no recipient after SIGKILL and re-sends at most what was in flight", async () => {
    const recipients = 600;
    const campaignId = await launchWebCampaign(recipients);
    const first = spawnWorker(workerTuning);
    workers.push(first);
    while ((await sentCount(campaignId)) < recipients * 0.3)
      await new Promise((r) => setTimeout(r, 50));
    first.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    expect(await sentCount(campaignId)).toBeLessThan(recipients);

    workers.push(spawnWorker(workerTuning));
    expect(await waitForCampaignStatus(campaignId, ["completed"], 90_000)).toBe("completed");
    const stats = gateway.gateway.stats(campaignId);
    expect(stats.accepted - stats.duplicates).toBe(recipients);
    expect(stats.duplicates).toBeLessThanOrEqual(maxInFlight);
    expect(await deliveryCounts(campaignId)).toEqual({ sent: recipients });
  });

  it("finishes in-flight sends on SIGTERM with no duplicate, and another worker completes the rest", async () => {
    const recipients = 400;
    const campaignId = await launchWebCampaign(recipients);
    const first = spawnWorker(workerTuning);
    workers.push(first);
    while ((await sentCount(campaignId)) < recipients * 0.3)
      await new Promise((r) => setTimeout(r, 50));
    first.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    workers.push(spawnWorker(workerTuning));
    expect(await waitForCampaignStatus(campaignId, ["completed"], 90_000)).toBe("completed");
    const stats = gateway.gateway.stats(campaignId);
    expect(stats.accepted).toBe(recipients);
    expect(stats.duplicates).toBe(0);
  });
});
