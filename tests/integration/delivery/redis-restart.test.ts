import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
import { closeProducerConnection } from "@/lib/queue/connection";
import { closeQueues } from "@/lib/queue/queues";
import { disconnectRedis } from "@/lib/redis";
import { findFreePort } from "@/scripts/stack/net";
import { seedDevices, useDeliveryStack, waitForCampaignStatus } from "@/tests/support/delivery";
import { createTestApp } from "@/tests/support/factories";
import type { TestGateway } from "@/tests/support/gateway";
import { spawnWorker, type WorkerProcess } from "@/tests/support/worker-process";

// This test restarts Redis, so it runs its own redis-server: the machine's
// Redis is shared and must never be touched.
const hasRedisServer = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;

let redis: ChildProcess | undefined;
let port = 0;
let gateway: TestGateway;
let worker: WorkerProcess | undefined;

async function startRedis(): Promise<void> {
  redis = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  const { Redis } = await import("ioredis");
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const client = new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0 });
    client.on("error", () => {});
    const ok = await client
      .connect()
      .then(() => client.ping())
      .catch(() => null);
    client.disconnect();
    if (ok === "PONG") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("private redis-server did not start");
}

async function stopRedis(): Promise<void> {
  const child = redis;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

beforeAll(async () => {
  if (!hasRedisServer) throw new Error("redis-server is needed for the Redis restart test");
  port = await findFreePort(16_379);
  await startRedis();
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  gateway = await useDeliveryStack();
  gateway.gateway.setFaults({ web: { latencyMs: 15 } });
});

afterAll(async () => {
  worker?.kill("SIGKILL");
  await worker?.exited;
  await closeQueues();
  await closeProducerConnection();
  await disconnectRedis();
  await stopRedis();
  await gateway?.stop();
});

describe("Redis restarted mid-campaign, its data lost", () => {
  it("loses no recipient: the reconciler re-enqueues what Redis forgot", async () => {
    const app = await createTestApp();
    const recipients = 500;
    await seedDevices(app.id, gateway.gateway, Array(recipients).fill("web"));
    const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
    const { id } = await createCampaign(
      app.id,
      createCampaignSchema.parse({
        name: "redis restart",
        variants: [{ content: { title: "Still here" } }],
      }),
      actor,
    );
    worker = spawnWorker({
      HERALD_SEND_JOB_CONCURRENCY: "1",
      HERALD_SEND_REQUEST_CONCURRENCY: "4",
      HERALD_SEND_BATCH: "50",
      HERALD_TICK_MS: "500",
      HERALD_RECONCILE_STALE_MS: "2000",
      HERALD_JOB_LOCK_MS: "3000",
    });
    await launchCampaign(app.id, id, actor);
    const sent = () => getDb().delivery.count({ where: { campaignId: id, status: "sent" } });
    while ((await sent()) < recipients * 0.2)
      await new Promise((resolve) => setTimeout(resolve, 50));

    await stopRedis();
    await startRedis();

    expect(await waitForCampaignStatus(id, ["completed"], 90_000)).toBe("completed");
    const stats = gateway.gateway.stats(id);
    expect(stats.accepted - stats.duplicates).toBe(recipients);
    expect(await getDb().delivery.count({ where: { campaignId: id, status: "sent" } })).toBe(
      recipients,
    );
    // It waits up to 90 s for the campaign, past the project's 60 s test timeout.
  }, 150_000);
});
