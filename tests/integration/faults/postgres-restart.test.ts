import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { disconnectDb, getDb } from "@/lib/db/client";
import { closeQueues } from "@/lib/queue/queues";
import { deliveryCounts, seedDevices, useDeliveryStack } from "@/tests/support/delivery";
import { createTestApp } from "@/tests/support/factories";
import type { TestGateway } from "@/tests/support/gateway";
import { type PrivatePostgres, startPrivatePostgres } from "@/tests/support/private-services";
import { tryRead, waitFor } from "@/tests/support/wait";
import { spawnWorker, type WorkerProcess } from "@/tests/support/worker-process";

// PostgreSQL goes away under a running send (a restart, a failover) and comes
// back: nobody may be lost and the same worker must carry on by itself. The
// database is a private one: the machine's PostgreSQL is shared.

const workerTuning = {
  HERALD_SEND_JOB_CONCURRENCY: "2",
  HERALD_SEND_REQUEST_CONCURRENCY: "8",
  HERALD_SEND_BATCH: "100",
  HERALD_RESULT_FLUSH: "10",
  HERALD_TICK_MS: "1000",
  HERALD_JOB_LOCK_MS: "5000",
};
// A batch that fails to record its results stops sending and is re-run by
// BullMQ, re-sending what it had sent but not recorded: its requests in
// flight plus at most two groups of unwritten results, per job at once.
const maxResent = 2 * (8 + 2 * 10);

let postgres: PrivatePostgres;
let gateway: TestGateway;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  postgres = await startPrivatePostgres();
  // Before anything opens a connection: this file's client, factories and worker use it.
  process.env.DATABASE_URL = postgres.databaseUrl;
  gateway = await useDeliveryStack({}, { privateDatabase: true });
  gateway.gateway.setFaults({ web: { latencyMs: 15 } });
}, 120_000);

afterAll(async () => {
  if (worker && worker.child.exitCode === null) {
    worker.kill("SIGKILL");
    await worker.exited;
  }
  await closeQueues();
  await disconnectDb();
  await gateway?.stop();
  await postgres?.destroy();
});

describe("PostgreSQL restarted mid-send", () => {
  it("loses nobody, and the running worker resumes the send by itself", async () => {
    const recipients = 1_000;
    const app = await createTestApp();
    await seedDevices(app.id, gateway.gateway, Array(recipients).fill("web"));
    const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
    const { id } = await createCampaign(
      app.id,
      createCampaignSchema.parse({
        name: "postgres restart",
        variants: [{ content: { title: "Still here" } }],
      }),
      actor,
    );
    // Its "job failed" errors during the outage are expected: keep them out of the output.
    worker = spawnWorker({
      ...workerTuning,
      DATABASE_URL: postgres.databaseUrl,
      LOG_LEVEL: "fatal",
    });
    await launchCampaign(app.id, id, actor);
    const sent = () => getDb().delivery.count({ where: { campaignId: id, status: "sent" } });
    await waitFor("a quarter sent", async () => (await sent()) >= recipients * 0.25, 60_000);

    await postgres.stop();
    // Down for a few seconds: several of the worker's queries and a job
    // attempt or two fail meanwhile (how long is not what is being proven).
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await postgres.start();

    await waitFor(
      "the campaign completing",
      async () =>
        (
          await tryRead(() =>
            getDb().campaign.findUnique({ where: { id }, select: { status: true } }),
          )
        )?.status === "completed",
      120_000,
    );
    expect(worker.child.exitCode).toBeNull();
    const stats = gateway.gateway.stats(id);
    expect(stats.accepted - stats.duplicates).toBe(recipients);
    expect(stats.duplicates).toBeLessThanOrEqual(maxResent);
    expect(await deliveryCounts(id)).toEqual({ sent: recipients });
  }, 180_000);
});
