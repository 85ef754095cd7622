import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { closeQueues } from "@/lib/queue/queues";
import {
  addGatewayCredentials,
  deliveryCounts,
  seedManyDevices,
  useDeliveryStack,
  waitForCampaignStatus,
} from "@/tests/support/delivery";
import { createTestApp, type TestApp } from "@/tests/support/factories";
import type { TestGateway } from "@/tests/support/gateway";
import { spawnWorker, type WorkerProcess } from "@/tests/support/worker-process";

// The worker process dies (SIGKILL, no drain) halfway through a
// 100,000-recipient campaign, and again a worker is stopped with SIGTERM
// halfway through another. Exactly-once lives in the delivery rows.

const tuning = {
  HERALD_SEND_JOB_CONCURRENCY: "4",
  HERALD_SEND_REQUEST_CONCURRENCY: "32",
  HERALD_RESULT_FLUSH: "100",
  // A killed worker's jobs run again once their lock lapses.
  HERALD_JOB_LOCK_MS: "5000",
  HERALD_TICK_MS: "1000",
};
// What a killed worker had sent but not recorded: per job, its requests in
// flight plus at most two groups of unwritten results.
const maxInFlight = 4 * (32 + 2 * 100);

let gateway: TestGateway;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  gateway = await useDeliveryStack();
  gateway.gateway.setFaults({
    web: { latencyMs: 5 },
    ios: { latencyMs: 5 },
    android: { latencyMs: 5 },
  });
});

afterEach(async () => {
  for (const worker of workers.splice(0)) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.kill("SIGKILL");
      await worker.exited;
    }
  }
});

afterAll(async () => {
  await closeQueues();
  await gateway?.stop();
});

const mix = (count: number): Platform[] =>
  Array.from({ length: count }, (_, index) =>
    index % 5 < 2 ? "ios" : index % 5 < 4 ? "android" : "web",
  );

async function prepare(recipients: number): Promise<{ app: TestApp; campaignId: string }> {
  const app = await createTestApp();
  await addGatewayCredentials(app, gateway.gateway);
  await seedManyDevices(app.id, gateway.gateway, mix(recipients));
  const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
  const { id } = await createCampaign(
    app.id,
    createCampaignSchema.parse({
      name: `100k ${Date.now()}`,
      variants: [{ content: { title: "Hi {{ first_name }}", body: "Flash sale" } }],
    }),
    actor,
  );
  return { app, campaignId: id };
}

async function waitForSent(campaignId: string, count: number): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  while ((await getDb().delivery.count({ where: { campaignId, status: "sent" } })) < count) {
    if (Date.now() > deadline) throw new Error(`${count} not sent within 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("a worker killed halfway through 100,000 recipients", () => {
  it(
    "loses nobody; duplicates stay within what was in flight",
    async () => {
      const recipients = 100_000;
      const { app, campaignId } = await prepare(recipients);
      const first = spawnWorker(tuning);
      workers.push(first);
      const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
      const launchedAt = Date.now();
      await launchCampaign(app.id, campaignId, actor);
      await waitForSent(campaignId, recipients / 2);
      first.kill("SIGKILL");
      expect(await first.exited).toBe("SIGKILL");
      const sentAtKill = await getDb().delivery.count({ where: { campaignId, status: "sent" } });
      expect(sentAtKill).toBeLessThan(recipients);

      workers.push(spawnWorker(tuning));
      expect(await waitForCampaignStatus(campaignId, ["completed"], 15 * 60_000)).toBe("completed");
      const stats = gateway.gateway.stats(campaignId);
      expect(stats.accepted - stats.duplicates).toBe(recipients);
      expect(stats.duplicates).toBeLessThanOrEqual(maxInFlight);
      expect(await deliveryCounts(campaignId)).toEqual({ sent: recipients });
      console.log(
        `100k SIGKILL: ${sentAtKill} sent at the kill, 0 lost, ${stats.duplicates} re-sent (bound ${maxInFlight}), ${((Date.now() - launchedAt) / 1000).toFixed(0)} s`,
      );
    },
    20 * 60_000,
  );

  it(
    "drains on SIGTERM halfway through 50,000 with no duplicate, and another worker finishes",
    async () => {
      const recipients = 50_000;
      const { app, campaignId } = await prepare(recipients);
      const first = spawnWorker(tuning);
      workers.push(first);
      const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
      const launchedAt = Date.now();
      await launchCampaign(app.id, campaignId, actor);
      await waitForSent(campaignId, recipients / 2);
      first.kill("SIGTERM");
      expect(await first.exited).toBe(0);
      const sentAtStop = await getDb().delivery.count({ where: { campaignId, status: "sent" } });

      workers.push(spawnWorker(tuning));
      expect(await waitForCampaignStatus(campaignId, ["completed"], 15 * 60_000)).toBe("completed");
      const stats = gateway.gateway.stats(campaignId);
      expect(stats.accepted).toBe(recipients);
      expect(stats.duplicates).toBe(0);
      expect(await deliveryCounts(campaignId)).toEqual({ sent: recipients });
      console.log(
        `50k SIGTERM: ${sentAtStop} sent when the drained worker exited, 0 lost, ${stats.duplicates} duplicates, ${((Date.now() - launchedAt) / 1000).toFixed(0)} s`,
      );
    },
    20 * 60_000,
  );
});
