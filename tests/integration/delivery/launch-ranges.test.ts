import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { launchCampaignPhase } from "@/lib/delivery/launch-phase";
import { logger } from "@/lib/logger";
import { closeQueues, getQueue } from "@/lib/queue/queues";
import { seedDevices, useDeliveryStack } from "@/tests/support/delivery";
import { createTestApp } from "@/tests/support/factories";
import type { TestGateway } from "@/tests/support/gateway";

// The launch writes the audience a chunk at a time and queues the send jobs
// of each chunk as it goes: every pending row in exactly one job's id range,
// at most HERALD_SEND_BATCH pending rows per job, skipped rows in none.

let gateway: TestGateway;

beforeAll(async () => {
  process.env.HERALD_SEND_BATCH = "7";
  process.env.HERALD_LAUNCH_CHUNK = "20";
  gateway = await useDeliveryStack();
});

afterAll(async () => {
  delete process.env.HERALD_SEND_BATCH;
  delete process.env.HERALD_LAUNCH_CHUNK;
  await closeQueues();
  await gateway?.stop();
});

describe("a launch", () => {
  it("queues send jobs whose id ranges hold every pending row once, a batch at most each", async () => {
    const app = await createTestApp();
    // A new app has its own VAPID key only: iOS rows are skipped (no_credential), in between.
    const platforms = Array.from(
      { length: 53 },
      (_, index): Platform => (index % 4 === 3 ? "ios" : "web"),
    );
    await seedDevices(app.id, gateway.gateway, platforms);
    const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
    const { id } = await createCampaign(
      app.id,
      createCampaignSchema.parse({ name: "ranges", variants: [{ content: { title: "Hi" } }] }),
      actor,
    );
    await launchCampaign(app.id, id, actor);
    // The launch job waits in the queue; run the launch here instead.
    await launchCampaignPhase(id, "main", logger);

    const rows = await getDb().delivery.findMany({
      where: { campaignId: id },
      select: { id: true, status: true },
    });
    const pending = rows.filter((row) => row.status === "pending").map((row) => row.id);
    expect(pending).toHaveLength(40);
    expect(rows.filter((row) => row.status === "skipped")).toHaveLength(13);

    const jobs = (await getQueue("send").getJobs(["waiting", "delayed", "prioritized"])).filter(
      (job) => job.data.campaignId === id,
    );
    const held = jobs.map((job) =>
      pending.filter((rowId) => rowId >= BigInt(job.data.fromId) && rowId <= BigInt(job.data.toId)),
    );
    for (const rowsOfJob of held) {
      expect(rowsOfJob.length).toBeGreaterThan(0);
      expect(rowsOfJob.length).toBeLessThanOrEqual(7);
    }
    const all = held.flat();
    expect(all).toHaveLength(pending.length);
    expect(new Set(all).size).toBe(pending.length);
    // 53 devices in chunks of 20: 15 + 15 + 10 pending rows, so 3 + 3 + 2 jobs.
    expect(jobs).toHaveLength(8);
  });
});
