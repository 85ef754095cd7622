import { saveCredential } from "@/lib/credentials/credentials";
import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import type { PushGateway } from "@/lib/gateway/push-gateway";
import { logger } from "@/lib/logger";
import { closeQueues } from "@/lib/queue/queues";
import { startProcessors } from "@/workers/registry";
import { randomId, type TestApp } from "./factories";
import { randomApnsToken, randomFcmToken, startTestGateway, type TestGateway } from "./gateway";

/**
 * Gives this test file its own queue prefix and points the transports at an
 * in-process gateway. Call first in beforeAll, before anything reads the
 * environment: workers of parallel test files must not take each other's jobs.
 */
export async function useDeliveryStack(): Promise<TestGateway> {
  process.env.HERALD_QUEUE_PREFIX = `${process.env.HERALD_QUEUE_PREFIX}-${randomId(6)}`;
  const gateway = await startTestGateway();
  process.env.HERALD_PUSH_GATEWAY_URL = gateway.gateway.url;
  process.env.HERALD_PUSH_GATEWAY_CA_FILE = gateway.gateway.caFile;
  return gateway;
}

export async function startInProcessWorker(): Promise<() => Promise<void>> {
  const processors = await startProcessors(logger.child({ component: "test-worker" }));
  return async () => {
    await processors.close();
    await closeQueues();
  };
}

/** Uploads gateway-minted FCM and APNs credentials to the app (web has generated VAPID keys). */
export async function addGatewayCredentials(app: TestApp, gateway: PushGateway): Promise<void> {
  const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
  const account = gateway.mintFcmServiceAccount();
  await saveCredential(
    app.id,
    { platform: "android", input: { serviceAccountJson: JSON.stringify(account) } },
    actor,
  );
  const key = gateway.mintApnsKey({ bundleId: "com.herald.test" });
  await saveCredential(
    app.id,
    {
      platform: "ios",
      input: {
        keyId: key.keyId,
        teamId: key.teamId,
        bundleId: key.bundleId,
        privateKey: key.privateKey,
        production: true,
      },
    },
    actor,
  );
}

export interface SeededDevice {
  id: bigint;
  platform: Platform;
  /** The token, or the web subscription id the gateway knows it by. */
  gatewayId: string;
}

/** Creates one subscriber with one device per entry, addresses minted so the gateway accepts them. */
export async function seedDevices(
  appId: string,
  gateway: PushGateway,
  platforms: Platform[],
): Promise<SeededDevice[]> {
  const db = getDb();
  const seeded: SeededDevice[] = [];
  for (const platform of platforms) {
    const subscriber = await db.subscriber.create({
      data: { appId, externalId: `user-${randomId(10)}`, attributes: { first_name: "Ada" } },
    });
    let address: string;
    let gatewayId: string;
    let keys: { p256dh: string; auth: string } | null = null;
    if (platform === "web") {
      gatewayId = `sub${randomId(12)}`;
      const subscription = gateway.mintWebSubscription(gatewayId);
      address = subscription.endpoint;
      keys = subscription.keys;
    } else {
      address = platform === "ios" ? randomApnsToken() : randomFcmToken();
      gatewayId = address;
    }
    const device = await db.device.create({
      data: {
        appId,
        subscriberId: subscriber.id,
        platform,
        address,
        webP256dh: keys?.p256dh,
        webAuth: keys?.auth,
        optedInAt: new Date(),
      },
    });
    seeded.push({ id: device.id, platform, gatewayId });
  }
  return seeded;
}

export async function waitForCampaignStatus(
  campaignId: string,
  statuses: string[],
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const campaign = await getDb().campaign.findUnique({
      where: { id: campaignId },
      select: { status: true },
    });
    if (campaign && statuses.includes(campaign.status)) return campaign.status;
    if (Date.now() > deadline) {
      throw new Error(
        `campaign ${campaignId} is ${campaign?.status}, not ${statuses.join("/")}, after ${timeoutMs} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function deliveryCounts(campaignId: string): Promise<Record<string, number>> {
  const groups = await getDb().delivery.groupBy({
    by: ["status", "reason"],
    where: { campaignId },
    _count: { _all: true },
  });
  const counts: Record<string, number> = {};
  for (const group of groups) {
    const key = group.reason ? `${group.status}:${group.reason}` : group.status;
    counts[key] = (counts[key] ?? 0) + group._count._all;
  }
  return counts;
}
