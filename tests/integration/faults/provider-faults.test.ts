import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import type { DeviceRequest } from "@/lib/gateway/records";
import { defaultSendTimeoutMs } from "@/lib/push/transport";
import { getQueue } from "@/lib/queue/queues";
import {
  addGatewayCredentials,
  deliveryCounts,
  type SeededDevice,
  seedDevices,
  startInProcessWorker,
  useDeliveryStack,
  waitForCampaignStatus,
} from "@/tests/support/delivery";
import { createTestApp, type TestApp } from "@/tests/support/factories";
import type { TestGateway } from "@/tests/support/gateway";

// Provider misbehaviour the send path must ride out, proven from the
// gateway's side: its per-device request log shows when each retry came.

let gateway: TestGateway;
let stopWorker: () => Promise<void>;

beforeAll(async () => {
  gateway = await useDeliveryStack({ requestLog: true });
  stopWorker = await startInProcessWorker();
});

afterEach(() => {
  gateway.gateway.reset();
  delete process.env.HERALD_SEND_REQUEST_CONCURRENCY;
});

afterAll(async () => {
  await stopWorker?.();
  await gateway?.stop();
});

const actorOf = (app: TestApp) => ({
  kind: "user" as const,
  userId: app.owner.id,
  email: app.owner.email,
});

async function newCampaign(app: TestApp, name: string): Promise<string> {
  const { id } = await createCampaign(
    app.id,
    createCampaignSchema.parse({
      name,
      variants: [{ content: { title: "Hello", body: "Faults" } }],
    }),
    actorOf(app),
  );
  return id;
}

const threePlatforms = (count: number): Platform[] =>
  Array.from({ length: count }, (_, index) =>
    index % 3 === 0 ? "web" : index % 3 === 1 ? "ios" : "android",
  );

function requestsOf(device: SeededDevice): DeviceRequest[] {
  return gateway.gateway.deviceRequests(device.platform, device.gatewayId);
}

// Generous: on a loaded machine the last jobs take a while to record and
// finish; a stuck job never drains, however long this waits.
async function waitForIdleSendQueue(timeoutMs = 90_000): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await getQueue("send").getJobCounts("active", "waiting", "delayed");
    const busy = (counts.active ?? 0) + (counts.waiting ?? 0) + (counts.delayed ?? 0);
    if (busy === 0 || Date.now() > deadline) return counts;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a provider answering 30 % 429/503", () => {
  it("delivers everyone within the TTL, never retrying before Retry-After, in ≤ 1.5 requests per recipient", async () => {
    const app = await createTestApp();
    await addGatewayCredentials(app, gateway.gateway);
    // 3,000 recipients: the expected request count is 1/0.7 ≈ 1.43 per
    // recipient, five standard deviations below the 1.5 bound.
    // Web push and FCM, whose services send Retry-After. APNs documents none
    // (node-apn drops the header too): there Herald's exponential backoff
    // applies, whose long tail the credential and 10k-recipient tests cover.
    const devices = await seedDevices(
      app.id,
      gateway.gateway,
      Array.from({ length: 3_000 }, (_, index) => (index % 2 === 0 ? "web" : "android")),
    );
    const retryAfterSeconds = 1;
    gateway.gateway.setFaults({
      web: { errors: { "429": 0.15, "503": 0.15 }, retryAfterSeconds, latencyMs: 0 },
      android: {
        errors: { QUOTA_EXCEEDED: 0.15, UNAVAILABLE: 0.15 },
        retryAfterSeconds,
        latencyMs: 0,
      },
    });
    const campaignId = await newCampaign(app, "thirty percent refusals");
    await launchCampaign(app.id, campaignId, actorOf(app));
    expect(await waitForCampaignStatus(campaignId, ["completed"], 120_000)).toBe("completed");

    const stats = gateway.gateway.stats(campaignId);
    expect(stats.accepted).toBe(devices.length);
    expect(stats.duplicates).toBe(0);
    expect(stats.rejected).toBeGreaterThan(devices.length * 0.2);
    expect(stats.accepted + stats.rejected).toBeLessThanOrEqual(devices.length * 1.5);
    expect(await deliveryCounts(campaignId)).toEqual({ sent: devices.length });

    // Within the TTL: every row's sentAt is before launch + TTL.
    const campaign = await getDb().campaign.findUniqueOrThrow({
      where: { id: campaignId },
      select: { expiresAt: true },
    });
    const late = await getDb().delivery.count({
      where: { campaignId, sentAt: { gt: campaign.expiresAt ?? new Date(0) } },
    });
    expect(late).toBe(0);

    // Per device: after each refusal, the next request came no sooner than it was told.
    let retried = 0;
    const tooSoon: string[] = [];
    for (const device of devices) {
      const requests = requestsOf(device);
      expect(requests.at(-1)?.outcome, device.gatewayId).toBe("accepted");
      expect(requests.filter((request) => request.outcome === "accepted")).toHaveLength(1);
      for (let index = 1; index < requests.length; index++) {
        const previous = requests[index - 1] as DeviceRequest;
        const current = requests[index] as DeviceRequest;
        retried++;
        if (current.at - previous.at < retryAfterSeconds * 1000) {
          tooSoon.push(
            `${device.platform} ${previous.outcome} then ${current.at - previous.at} ms later`,
          );
        }
      }
    }
    expect(retried).toBe(stats.rejected);
    expect(tooSoon).toEqual([]);
  }, 150_000);
});

describe("a provider leaving 5 % of requests unanswered", () => {
  it("aborts each hung request at the send timeout, retries it, and leaves no job or row stuck", async () => {
    const app = await createTestApp();
    await addGatewayCredentials(app, gateway.gateway);
    const devices = await seedDevices(app.id, gateway.gateway, threePlatforms(300));
    gateway.gateway.setFaults({
      web: { hangRate: 0.05, latencyMs: 0 },
      ios: { hangRate: 0.05, latencyMs: 0 },
      android: { hangRate: 0.05, latencyMs: 0 },
    });
    const campaignId = await newCampaign(app, "hung requests");
    await launchCampaign(app.id, campaignId, actorOf(app));
    expect(await waitForCampaignStatus(campaignId, ["completed"], 150_000)).toBe("completed");

    const stats = gateway.gateway.stats(campaignId);
    expect(stats.accepted).toBe(devices.length);
    expect(stats.duplicates).toBe(0);
    const hung = stats.rejectedByReason.no_answer ?? 0;
    expect(hung).toBeGreaterThan(0);
    expect(await deliveryCounts(campaignId)).toEqual({ sent: devices.length });

    // Each hung request was given up on at the timeout, not sooner, then retried.
    const platformsHung = new Set<Platform>();
    let followed = 0;
    for (const device of devices) {
      const requests = requestsOf(device);
      for (let index = 0; index < requests.length - 1; index++) {
        const request = requests[index] as DeviceRequest;
        if (request.outcome !== "no_answer") continue;
        platformsHung.add(device.platform);
        followed++;
        const next = requests[index + 1] as DeviceRequest;
        // The sender's clock starts before the gateway sees the request
        // (a socket to wait for, TLS), so allow a second of that; the retry's
        // own backoff (≥ 500 ms) comes on top of the timeout.
        expect(
          next.at - request.at,
          `${device.platform} retry after a hang`,
        ).toBeGreaterThanOrEqual(defaultSendTimeoutMs - 1_000);
      }
      expect(requests.at(-1)?.outcome).toBe("accepted");
    }
    expect(followed).toBe(hung);
    // With 15 hung requests expected, all three transports' timeouts are exercised.
    expect(platformsHung.size).toBeGreaterThanOrEqual(2);

    // No stuck jobs: the send queue drains and no row stays claimed.
    const counts = await waitForIdleSendQueue();
    expect(counts).toEqual({ active: 0, waiting: 0, delayed: 0 });
    expect(
      await getDb().delivery.count({
        where: { campaignId, status: { in: ["queued", "pending"] } },
      }),
    ).toBe(0);
  }, 240_000);
});

describe("a provider down past the TTL", () => {
  it("sends nothing after expiry, even to rows already claimed, and ends every row expired", async () => {
    const app = await createTestApp();
    const devices = await seedDevices(app.id, gateway.gateway, Array(200).fill("web"));
    // A slow provider and few requests at once: one batch takes ~2.5 s, so
    // rows claimed just before the deadline would still be waiting to go after it.
    process.env.HERALD_SEND_REQUEST_CONCURRENCY = "4";
    gateway.gateway.setFaults({
      web: { errors: { "503": 1 }, retryAfterSeconds: 1, latencyMs: 50 },
    });
    const campaignId = await newCampaign(app, "provider down");
    // The API's minimum TTL is a minute; four seconds keeps the test short.
    await getDb().campaign.update({ where: { id: campaignId }, data: { ttlSeconds: 4 } });
    await launchCampaign(app.id, campaignId, actorOf(app));
    const { expiresAt } = await getDb().campaign.findUniqueOrThrow({
      where: { id: campaignId },
      select: { expiresAt: true },
    });
    const deadline = expiresAt?.getTime() ?? 0;
    expect(deadline).toBeGreaterThan(Date.now());

    // The provider comes back a second after the deadline: anything it accepts was sent late.
    // (How many refusals came before that depends on the machine's load; that
    // the worker was trying is what matters.)
    await new Promise((resolve) => setTimeout(resolve, deadline + 1_000 - Date.now()));
    gateway.gateway.setFaults({ web: { latencyMs: 0 } });
    expect(gateway.gateway.stats(campaignId).rejected).toBeGreaterThan(0);
    expect(await waitForCampaignStatus(campaignId, ["completed"], 60_000)).toBe("completed");
    // Whatever was queued has had its chance to (wrongly) go out by now.
    await waitForIdleSendQueue();

    expect(gateway.gateway.stats(campaignId).accepted).toBe(0);
    expect(await deliveryCounts(campaignId)).toEqual({ "expired:ttl_expired": devices.length });
  }, 150_000);
});
