import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { saveCredential } from "@/lib/credentials/credentials";
import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { launchCampaignPhase } from "@/lib/delivery/launch-phase";
import { getEnv } from "@/lib/env";
import type { PushGateway, PushGatewayOptions } from "@/lib/gateway/push-gateway";
import { logger } from "@/lib/logger";
import { closeQueues } from "@/lib/queue/queues";
import { createDatabaseFromTemplate, databaseOf, withDatabase } from "@/scripts/stack/postgres";
import { startProcessors } from "@/workers/registry";
import { createTestApp, randomId, type TestApp } from "./factories";
import { randomApnsToken, randomFcmToken, startTestGateway, type TestGateway } from "./gateway";

/**
 * Gives this test file its own database (a copy of the freshly migrated
 * template) and queue prefix, and points the transports at an in-process
 * gateway. Call first in beforeAll, before anything reads the environment.
 * Workers of parallel test files must not take each other's work: a send
 * job from another file's queue, or a row another file's reconciler
 * re-enqueues, would go out through that file's gateway.
 */
export async function useDeliveryStack(
  gatewayOptions: Partial<PushGatewayOptions> = {},
  options: {
    /** The file set DATABASE_URL to a PostgreSQL server of its own: use that database. */
    privateDatabase?: boolean;
  } = {},
): Promise<TestGateway> {
  if (!options.privateDatabase) process.env.DATABASE_URL = await copyOfTemplateDatabase();
  process.env.HERALD_QUEUE_PREFIX = `${process.env.HERALD_QUEUE_PREFIX}-${randomId(6)}`;
  const gateway = await startTestGateway(gatewayOptions);
  process.env.HERALD_PUSH_GATEWAY_URL = gateway.gateway.url;
  process.env.HERALD_PUSH_GATEWAY_CA_FILE = gateway.gateway.caFile;
  if (getEnv().HERALD_QUEUE_PREFIX !== process.env.HERALD_QUEUE_PREFIX) {
    await gateway.stop();
    throw new Error("useDeliveryStack must run before anything reads the environment");
  }
  return gateway;
}

/** A new database on the run's server, copied from its migrated template; its URL. */
async function copyOfTemplateDatabase(): Promise<string> {
  const { DATABASE_URL, HERALD_TEST_ADMIN_DATABASE_URL, HERALD_TEST_TEMPLATE_DATABASE } =
    process.env;
  if (!DATABASE_URL || !HERALD_TEST_ADMIN_DATABASE_URL || !HERALD_TEST_TEMPLATE_DATABASE) {
    throw new Error("useDeliveryStack needs the test stack's variables (npm test sets them)");
  }
  const database = `${databaseOf(DATABASE_URL)}_${randomId(8).toLowerCase()}`;
  await createDatabaseFromTemplate(
    HERALD_TEST_ADMIN_DATABASE_URL,
    database,
    HERALD_TEST_TEMPLATE_DATABASE,
  );
  return withDatabase(DATABASE_URL, database);
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

/**
 * Creates one subscriber with one device per entry, addresses minted so the
 * gateway accepts them; in bulk, so ten thousand take a second or two.
 */
export async function seedDevices(
  appId: string,
  gateway: PushGateway,
  platforms: Platform[],
): Promise<SeededDevice[]> {
  const db = getDb();
  const seeded: SeededDevice[] = [];
  const chunkSize = 2_000;
  for (let start = 0; start < platforms.length; start += chunkSize) {
    const chunk = platforms.slice(start, start + chunkSize);
    const subscribers = await db.subscriber.createManyAndReturn({
      data: chunk.map(() => ({
        appId,
        externalId: `user-${randomId(12)}`,
        attributes: { first_name: "Ada" },
      })),
      select: { id: true },
    });
    const prepared = chunk.map((platform, index) => {
      if (platform === "web") {
        const gatewayId = `sub${randomId(16)}`;
        const subscription = gateway.mintWebSubscription(gatewayId);
        return {
          platform,
          gatewayId,
          address: subscription.endpoint,
          keys: subscription.keys,
          index,
        };
      }
      const address = platform === "ios" ? randomApnsToken() : randomFcmToken();
      return { platform, gatewayId: address, address, keys: null, index };
    });
    const devices = await db.device.createManyAndReturn({
      data: prepared.map((entry) => ({
        appId,
        subscriberId: subscribers[entry.index]?.id ?? 0n,
        platform: entry.platform,
        address: entry.address,
        webP256dh: entry.keys?.p256dh,
        webAuth: entry.keys?.auth,
        optedInAt: new Date(),
      })),
      select: { id: true, address: true },
    });
    const idByAddress = new Map(devices.map((device) => [device.address, device.id]));
    for (const entry of prepared) {
      seeded.push({
        id: idByAddress.get(entry.address) ?? 0n,
        platform: entry.platform,
        gatewayId: entry.gatewayId,
      });
    }
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

/**
 * seedDevices for large audiences (100k and up): one statement per 20,000
 * subscribers and devices through unnest(), about a minute per million.
 * Subscriber n is `<externalIdPrefix>n` (default: unique to this call).
 */
export async function seedManyDevices(
  appId: string,
  gateway: PushGateway,
  platforms: Platform[],
  options: { externalIdPrefix?: string } = {},
): Promise<SeededDevice[]> {
  const db = getDb();
  const seeded: SeededDevice[] = [];
  const run = randomId(8);
  const prefix = options.externalIdPrefix ?? `many-${run}-`;
  const chunkSize = 20_000;
  for (let start = 0; start < platforms.length; start += chunkSize) {
    const chunk = platforms.slice(start, start + chunkSize);
    const externalIds: string[] = [];
    const addresses: string[] = [];
    const p256dh: (string | null)[] = [];
    const auth: (string | null)[] = [];
    chunk.forEach((platform, index) => {
      const n = start + index;
      externalIds.push(`${prefix}${n}`);
      if (platform === "web") {
        const gatewayId = `many${run}${n}`;
        const subscription = gateway.mintWebSubscription(gatewayId);
        addresses.push(subscription.endpoint);
        p256dh.push(subscription.keys.p256dh);
        auth.push(subscription.keys.auth);
        seeded.push({ id: 0n, platform, gatewayId });
      } else {
        const address = platform === "ios" ? randomApnsToken() : randomFcmToken();
        addresses.push(address);
        p256dh.push(null);
        auth.push(null);
        seeded.push({ id: 0n, platform, gatewayId: address });
      }
    });
    const rows = await db.$queryRawUnsafe<{ id: bigint; address: string }[]>(
      `WITH s AS (
         INSERT INTO subscribers ("appId", "externalId", attributes, "createdAt", "updatedAt")
         SELECT $1, e, '{"first_name":"Ada"}', now(), now() FROM unnest($2::text[]) e
         RETURNING id, "externalId")
       INSERT INTO devices ("appId", "subscriberId", platform, address, "webP256dh", "webAuth", "optedInAt", "createdAt", "updatedAt")
       SELECT $1, s.id, v.platform::"Platform", v.address, v.p256dh, v.auth, now(), now(), now()
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS v(ext, platform, address, p256dh, auth)
       JOIN s ON s."externalId" = v.ext
       RETURNING id, address`,
      appId,
      externalIds,
      chunk,
      addresses,
      p256dh,
      auth,
    );
    const idByAddress = new Map(rows.map((row) => [row.address, BigInt(row.id)]));
    for (let index = start; index < seeded.length; index++) {
      const device = seeded[index] as SeededDevice;
      const address = addresses[index - start] as string;
      device.id = idByAddress.get(address) ?? 0n;
    }
  }
  return seeded;
}

/**
 * A campaign to `recipients` web devices of a new app, launched with its
 * audience written in this process (no worker), and the id range of its
 * delivery rows: what a send job's runs are called with directly.
 */
export async function launchedWithoutWorker(
  gateway: PushGateway,
  recipients: number,
  name: string,
) {
  const app = await createTestApp();
  await seedDevices(app.id, gateway, Array(recipients).fill("web"));
  const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
  const { id: campaignId } = await createCampaign(
    app.id,
    createCampaignSchema.parse({ name, variants: [{ content: { title: "Hi" } }] }),
    actor,
  );
  await launchCampaign(app.id, campaignId, actor);
  await launchCampaignPhase(campaignId, "main", logger);
  const range = await getDb().delivery.aggregate({
    where: { campaignId },
    _min: { id: true },
    _max: { id: true },
  });
  return { campaignId, fromId: range._min.id ?? 0n, toId: range._max.id ?? 0n };
}
