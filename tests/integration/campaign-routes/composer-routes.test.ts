import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getProgress } from "@/app/api/v1/campaigns/[campaignId]/progress/route";
import { POST as estimateAudience } from "@/app/api/v1/campaigns/audience-estimate/route";
import { GET as getKeyNumbers } from "@/app/api/v1/campaigns/key-numbers/route";
import { POST as preview } from "@/app/api/v1/campaigns/preview/route";
import { GET as listTestDevices, POST as testSend } from "@/app/api/v1/campaigns/test-send/route";
import { getDb } from "@/lib/db/client";
import {
  seedDevices,
  startInProcessWorker,
  useDeliveryStack,
  waitForCampaignStatus,
} from "@/tests/support/delivery";
import { addMember, createTestApp, type TestApp, type TestUser } from "@/tests/support/factories";
import type { TestGateway } from "@/tests/support/gateway";
import { callRoute, json } from "@/tests/support/http";

let gateway: TestGateway;
let stopWorker: () => Promise<void>;
let app: TestApp;
let analyst: TestUser;

beforeAll(async () => {
  gateway = await useDeliveryStack();
  stopWorker = await startInProcessWorker();
  app = await createTestApp();
  analyst = await addMember(app.id, "analyst");
});

afterAll(async () => {
  await stopWorker?.();
  await gateway?.stop();
});

const asOwner = () => ({ user: app.owner });
const query = () => `?appId=${app.id}`;

describe("POST /api/v1/campaigns/preview", () => {
  const content = {
    title: 'Hi {{ first_name | default: "there" }}',
    body: "Your {{ subscriber.country | default: 'local' }} deal is waiting",
    actions: [{ id: "shop", title: "Shop {{ first_name }}", url: "/sale" }],
  };

  it("renders a real subscriber's attributes, with per-platform sizes", async () => {
    await getDb().subscriber.create({
      data: {
        appId: app.id,
        externalId: "ada-preview",
        attributes: { first_name: "Ada" },
        country: "FR",
      },
    });
    const response = await callRoute(preview, {
      path: `/api/v1/campaigns/preview${query()}`,
      body: { content, externalId: "ada-preview" },
      as: asOwner(),
    });
    expect(response.status).toBe(200);
    const rendered = await json<{
      content: { title: string; body: string; actions: { title: string }[] };
      subscriber: { externalId: string; attributes: Record<string, unknown> };
      sizes: Record<string, { bytes: number; limit: number; fits: boolean }>;
    }>(response);
    expect(rendered.content.title).toBe("Hi Ada");
    expect(rendered.content.body).toBe("Your FR deal is waiting");
    expect(rendered.content.actions[0]?.title).toBe("Shop Ada");
    expect(rendered.subscriber).toEqual({
      externalId: "ada-preview",
      attributes: { first_name: "Ada" },
    });
    expect(rendered.sizes.ios).toMatchObject({ limit: 4096, fits: true });
    expect(rendered.sizes.web).toMatchObject({ limit: 3993, fits: true });
    expect(rendered.sizes.android?.bytes).toBeGreaterThan(50);
  });

  it("falls back for a subscriber missing the attribute, and without any subscriber", async () => {
    await getDb().subscriber.create({ data: { appId: app.id, externalId: "no-name" } });
    const forBare = await callRoute(preview, {
      path: `/api/v1/campaigns/preview${query()}`,
      body: { content, externalId: "no-name" },
      as: asOwner(),
    });
    expect(forBare.status).toBe(200);
    const bare = await json<{ content: { title: string; body: string } }>(forBare);
    expect(bare.content.title).toBe("Hi there");
    expect(bare.content.body).toBe("Your local deal is waiting");

    const anonymous = await callRoute(preview, {
      path: `/api/v1/campaigns/preview${query()}`,
      body: { content },
      as: asOwner(),
    });
    expect((await json<{ content: { title: string } }>(anonymous)).content.title).toBe("Hi there");
  });

  it("names the field of a broken template and 404s an unknown subscriber", async () => {
    const broken = await callRoute(preview, {
      path: `/api/v1/campaigns/preview${query()}`,
      body: { content: { title: "ok", body: "{{ first_name | no_such_filter }}" } },
      as: asOwner(),
    });
    expect(broken.status).toBe(400);
    const problem = await json<{ errors: { field: string }[] }>(broken);
    expect(problem.errors[0]?.field).toBe("content.body");

    const missing = await callRoute(preview, {
      path: `/api/v1/campaigns/preview${query()}`,
      body: { content, externalId: "nobody-here" },
      as: asOwner(),
    });
    expect(missing.status).toBe(404);
  });

  it("refuses unknown fields (strict body)", async () => {
    const response = await callRoute(preview, {
      path: `/api/v1/campaigns/preview${query()}`,
      body: { content, externalId: null, extra: true },
      as: asOwner(),
    });
    expect(response.status).toBe(400);
  });
});

describe("test pushes", () => {
  it("lists only active test devices, refuses other devices and reaches the gateway for test devices", async () => {
    const [testDevice, ordinary] = await seedDevices(app.id, gateway.gateway, ["web", "web"]);
    if (!testDevice || !ordinary) throw new Error("seeding failed");
    await getDb().device.update({
      where: { id: testDevice.id },
      data: { isTestDevice: true, browser: "Chrome", osName: "macOS" },
    });

    const listed = await callRoute(listTestDevices, {
      path: `/api/v1/campaigns/test-send${query()}`,
      as: asOwner(),
    });
    expect(listed.status).toBe(200);
    const { data } = await json<{ data: { id: string; label: string }[] }>(listed);
    expect(data).toEqual([
      expect.objectContaining({ id: testDevice.id.toString(), label: "Chrome on macOS" }),
    ]);

    const refused = await callRoute(testSend, {
      path: `/api/v1/campaigns/test-send${query()}`,
      body: {
        content: { title: "Test" },
        deviceIds: [testDevice.id.toString(), ordinary.id.toString()],
      },
      as: asOwner(),
    });
    expect(refused.status).toBe(400);
    expect((await json<{ errors: { field: string }[] }>(refused)).errors[0]?.field).toBe(
      "deviceIds",
    );

    const sent = await callRoute(testSend, {
      path: `/api/v1/campaigns/test-send${query()}`,
      body: {
        content: { title: "Hello {{ first_name }}", body: "Test push" },
        deviceIds: [testDevice.id.toString()],
        campaignName: "Spring sale",
      },
      as: asOwner(),
    });
    expect(sent.status).toBe(201);
    const { campaignId } = await json<{ campaignId: string }>(sent);
    expect(await waitForCampaignStatus(campaignId, ["completed"])).toBe("completed");
    const messages = gateway.gateway.messages({ campaignId });
    expect(messages).toHaveLength(1);
    expect(messages[0]?.device).toBe(testDevice.gatewayId);
    expect(JSON.stringify(messages[0]?.payload)).toContain("Hello Ada");
    expect(gateway.gateway.messages({ device: ordinary.gatewayId })).toHaveLength(0);

    // The progress route reports the finished send from the rollups.
    const progress = await callRoute(getProgress, {
      path: `/api/v1/campaigns/${campaignId}/progress${query()}`,
      params: { campaignId },
      as: asOwner(),
    });
    expect(progress.status).toBe(200);
    expect(await json(progress)).toMatchObject({
      status: "completed",
      total: 1,
      sent: 1,
      failed: 0,
      remaining: 0,
      isAudienceComplete: true,
    });

    // The list's key numbers, for this app's campaigns only.
    const foreign = await createTestApp();
    const numbers = await callRoute(getKeyNumbers, {
      path: `/api/v1/campaigns/key-numbers?appId=${foreign.id}&ids=${campaignId}`,
      as: { user: foreign.owner },
    });
    expect(await json(numbers)).toEqual({ data: [] });
    const own = await callRoute(getKeyNumbers, {
      path: `/api/v1/campaigns/key-numbers${query()}&ids=${campaignId},unknown`,
      as: { user: analyst },
    });
    expect(own.status).toBe(200);
    expect(await json(own)).toEqual({
      data: [{ campaignId, sent: 1, delivered: 0, opened: 0, openRate: null }],
    });
  });

  it("is refused to an analyst (no campaigns:launch)", async () => {
    const response = await callRoute(testSend, {
      path: `/api/v1/campaigns/test-send${query()}`,
      body: { content: { title: "Test" }, deviceIds: ["1"] },
      as: { user: analyst },
    });
    expect(response.status).toBe(403);
  });
});

describe("POST /api/v1/campaigns/audience-estimate", () => {
  it("counts active devices by platform and drops a topic's opt-outs", async () => {
    const other = await createTestApp();
    const devices = await seedDevices(other.id, gateway.gateway, ["web", "web", "ios", "android"]);
    const db = getDb();
    await db.device.update({
      where: { id: devices[1]?.id ?? 0n },
      data: { status: "unsubscribed" },
    });
    const topic = await db.topic.create({
      data: { appId: other.id, key: "deals", name: "Deals", defaultOptIn: true },
    });
    const iosDevice = await db.device.findUniqueOrThrow({ where: { id: devices[2]?.id ?? 0n } });
    await db.subscriberTopicPreference.create({
      data: { subscriberId: iosDevice.subscriberId, topicId: topic.id, optedIn: false },
    });

    const everyone = await callRoute(estimateAudience, {
      path: `/api/v1/campaigns/audience-estimate?appId=${other.id}`,
      body: { audience: { type: "all" } },
      as: { user: other.owner },
    });
    expect(everyone.status).toBe(200);
    expect(await json(everyone)).toEqual({
      devices: 3,
      subscribers: 3,
      byPlatform: { web: 1, ios: 1, android: 1 },
      unknownExternalIds: [],
    });

    const withTopic = await callRoute(estimateAudience, {
      path: `/api/v1/campaigns/audience-estimate?appId=${other.id}`,
      body: { audience: { type: "all", platforms: ["ios", "web"] }, topicId: topic.id },
      as: { user: other.owner },
    });
    expect(await json(withTopic)).toMatchObject({ devices: 1, byPlatform: { web: 1, ios: 0 } });

    const { externalId } = await db.subscriber.findUniqueOrThrow({
      where: { id: iosDevice.subscriberId },
    });
    const byExternalId = await callRoute(estimateAudience, {
      path: `/api/v1/campaigns/audience-estimate?appId=${other.id}`,
      body: {
        audience: { type: "subscribers", externalIds: [externalId, "nobody-1", externalId] },
      },
      as: { user: other.owner },
    });
    expect(await json(byExternalId)).toMatchObject({
      devices: 1,
      byPlatform: { ios: 1 },
      unknownExternalIds: ["nobody-1"],
    });

    // Another app's topic is not found here.
    const foreignTopic = await callRoute(estimateAudience, {
      path: `/api/v1/campaigns/audience-estimate${query()}`,
      body: { audience: { type: "all" }, topicId: topic.id },
      as: asOwner(),
    });
    expect(foreignTopic.status).toBe(400);
    expect((await json<{ errors: { field: string }[] }>(foreignTopic)).errors[0]?.field).toBe(
      "topicId",
    );
  });
});
