import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
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

function owner() {
  return { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
}

describe("campaign delivery through the real transports", () => {
  it("delivers each live device exactly once on every platform and deactivates dead tokens", async () => {
    const devices = await seedDevices(app.id, gateway.gateway, [
      ...Array(12).fill("web"),
      ...Array(12).fill("ios"),
      ...Array(12).fill("android"),
    ]);
    const dead = devices.filter((_, index) => index % 6 === 0);
    for (const platform of ["web", "ios", "android"] as const) {
      gateway.gateway.addDeadTokens(
        platform,
        dead.filter((device) => device.platform === platform).map((device) => device.gatewayId),
      );
    }
    const input = createCampaignSchema.parse({
      name: "Spring sale",
      variants: [
        {
          content: {
            title: "Hi {{ first_name | default: 'there' }}",
            body: "20% off today",
            url: "/sale",
          },
        },
      ],
    });
    const { id } = await createCampaign(app.id, input, owner());
    await launchCampaign(app.id, id, owner());

    expect(await waitForCampaignStatus(id, ["completed"])).toBe("completed");
    const stats = gateway.gateway.stats(id);
    expect(stats.accepted).toBe(devices.length - dead.length);
    expect(stats.duplicates).toBe(0);
    expect(await deliveryCounts(id)).toEqual({
      sent: devices.length - dead.length,
      "failed:token_dead": dead.length,
    });
    const invalid = await getDb().device.findMany({
      where: { appId: app.id, status: "invalid" },
      select: { id: true },
    });
    expect(invalid.map((device) => device.id).sort()).toEqual(
      dead.map((device) => device.id).sort(),
    );

    const [message] = gateway.gateway
      .messages({ campaignId: id })
      .filter((entry) => entry.platform === "web");
    expect(JSON.stringify(message?.payload)).toContain("Hi Ada");
  });
});
