import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
import { createSegment } from "@/lib/segments/create-segment";
import { segmentDefinitionSchema } from "@/lib/segments/definition";
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
let app: TestApp;

beforeAll(async () => {
  gateway = await useDeliveryStack();
  stopWorker = await startInProcessWorker();
  app = await createTestApp();
  await addGatewayCredentials(app, gateway.gateway);
});

afterAll(async () => {
  await stopWorker?.();
  await gateway?.stop();
});

describe("a campaign sent to a segment", () => {
  it("reaches exactly the devices the segment keeps, saved or inline", async () => {
    const db = getDb();
    const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
    const devices = await seedDevices(app.id, gateway.gateway, [
      "web",
      "ios",
      "android",
      "ios",
      "web",
    ]);
    // The first three are VIPs; the VIP on Android also bought something.
    const vips = devices.slice(0, 3);
    for (const device of vips) {
      await db.subscriber.updateMany({
        where: { devices: { some: { id: device.id } } },
        data: { tags: ["vip"] },
      });
    }
    const buyer = await db.device.findUniqueOrThrow({ where: { id: vips[2]?.id ?? 0n } });
    await db.event.create({
      data: {
        appId: app.id,
        subscriberId: buyer.subscriberId,
        name: "purchase",
        occurredAt: new Date(),
      },
    });
    const vipsOnPhones = segmentDefinitionSchema.parse({
      version: 1,
      root: {
        type: "group",
        combinator: "and",
        children: [
          { type: "tag", op: "has", value: "vip" },
          { type: "platform", op: "in", values: ["ios", "android"] },
        ],
      },
    });
    const segment = await createSegment(
      app.id,
      { name: "VIPs on phones", definition: vipsOnPhones },
      actor,
    );
    const send = async (name: string, audience: unknown) => {
      const input = createCampaignSchema.parse({
        name,
        category: "transactional",
        audience,
        variants: [{ content: { title: "For you", body: "A VIP preview", url: "/vip" } }],
      });
      const { id } = await createCampaign(app.id, input, actor);
      await launchCampaign(app.id, id, actor);
      expect(await waitForCampaignStatus(id, ["completed"])).toBe("completed");
      return id;
    };

    const saved = await send("VIP preview", { type: "segment", segmentId: segment.id });
    expect(await deliveryCounts(saved)).toEqual({ sent: 2 });
    const reached = await db.delivery.findMany({
      where: { campaignId: saved },
      select: { deviceId: true },
    });
    expect(reached.map((row) => row.deviceId).sort()).toEqual([vips[1]?.id, vips[2]?.id].sort());

    const inline = await send("VIP buyers", {
      type: "filter",
      definition: {
        version: 1,
        root: {
          type: "group",
          combinator: "and",
          children: [
            { type: "segment", op: "in", segmentId: segment.id },
            { type: "event", event: "purchase", op: "did" },
          ],
        },
      },
    });
    expect(await deliveryCounts(inline)).toEqual({ sent: 1 });
  });
});
