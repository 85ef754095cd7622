import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
import { setSubscriberPreferences } from "@/lib/topics/preferences";
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

async function sendOnTopic(topicId: string, name: string) {
  const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
  const input = createCampaignSchema.parse({
    name,
    // Uncapped, so the second campaign is not held back by the first one.
    category: "transactional",
    topicId,
    variants: [{ content: { title: "New in", body: "Fresh arrivals", url: "/new" } }],
  });
  const { id } = await createCampaign(app.id, input, actor);
  await launchCampaign(app.id, id, actor);
  expect(await waitForCampaignStatus(id, ["completed"])).toBe("completed");
  return id;
}

describe("campaigns on a topic", () => {
  it("skip whoever opted out, and whoever never opted in to an opt-in-only topic", async () => {
    const db = getDb();
    const devices = await seedDevices(app.id, gateway.gateway, ["web", "ios", "android", "web"]);
    const subscriberOf = async (deviceId: bigint) =>
      (await db.device.findUniqueOrThrow({ where: { id: deviceId } })).subscriberId;
    const [optedOut, optedIn, silent, alsoSilent] = await Promise.all(
      devices.map((device) => subscriberOf(device.id)),
    );
    const deals = await db.topic.create({
      data: { appId: app.id, key: "deals", name: "Deals", defaultOptIn: true },
    });
    const arrivals = await db.topic.create({
      data: { appId: app.id, key: "new-arrivals", name: "New arrivals", defaultOptIn: false },
    });
    await setSubscriberPreferences(
      app.id,
      { subscriberId: optedOut ?? 0n },
      { deals: false, "new-arrivals": false },
    );
    await setSubscriberPreferences(
      app.id,
      { subscriberId: optedIn ?? 0n },
      { deals: true, "new-arrivals": true },
    );
    expect(silent && alsoSilent).toBeTruthy();

    const dealsCampaign = await sendOnTopic(deals.id, "Deals of the week");
    expect(await deliveryCounts(dealsCampaign)).toEqual({ sent: 3, "skipped:preference": 1 });
    const skipped = await db.delivery.findFirst({
      where: { campaignId: dealsCampaign, status: "skipped" },
    });
    expect(skipped?.subscriberId).toBe(optedOut);

    const arrivalsCampaign = await sendOnTopic(arrivals.id, "New arrivals");
    expect(await deliveryCounts(arrivalsCampaign)).toEqual({ sent: 1, "skipped:preference": 3 });
    expect(gateway.gateway.stats(arrivalsCampaign).accepted).toBe(1);
  });
});
