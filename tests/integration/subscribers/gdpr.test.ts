import { describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/v1/subscribers/[externalId]/export/route";
import {
  DELETE as eraseRoute,
  GET as profileRoute,
  PUT as putRoute,
} from "@/app/api/v1/subscribers/[externalId]/route";
import { getCampaignStats } from "@/lib/analytics/get-campaign-stats";
import { getDb } from "@/lib/db/client";
import { createTestApiKey, createTestApp, type TestApp } from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";
import { expectProblem, seedSentCampaign } from "../api/support";

async function subscriberWithHistory(app: TestApp) {
  const { campaignId, recipients } = await seedSentCampaign(app, 3);
  const [target, bystander] = recipients;
  if (!target || !bystander) throw new Error("missing recipients");
  const db = getDb();
  const now = new Date();
  await db.subscriber.update({
    where: { id: target.subscriberId },
    data: { attributes: { first_name: "Ada", email: "ada@example.com" }, tags: ["vip"] },
  });
  await db.delivery.update({
    where: { id: target.deliveryId },
    data: { deliveredAt: now, openedAt: now, convertedAt: now, revenue: 12.5 },
  });
  await db.event.createMany({
    data: [
      {
        appId: app.id,
        subscriberId: target.subscriberId,
        name: "purchase",
        revenue: 12.5,
        currency: "EUR",
        occurredAt: now,
        deliveryId: target.deliveryId,
      },
      { appId: app.id, subscriberId: target.subscriberId, name: "session_start", occurredAt: now },
      {
        appId: app.id,
        subscriberId: bystander.subscriberId,
        name: "session_start",
        occurredAt: now,
      },
    ],
  });
  const topic = await db.topic.create({ data: { appId: app.id, key: "deals", name: "Deals" } });
  await db.subscriberTopicPreference.create({
    data: { subscriberId: target.subscriberId, topicId: topic.id, optedIn: false },
  });
  // An API send that named them, still scheduled, and a pending delivery of it.
  const pending = await db.campaign.create({
    data: {
      appId: app.id,
      name: "Later",
      status: "scheduled",
      source: "api",
      audience: { type: "subscribers", externalIds: [target.externalId, bystander.externalId] },
    },
  });
  await db.delivery.create({
    data: {
      appId: app.id,
      campaignId: pending.id,
      subscriberId: target.subscriberId,
      deviceId: target.deviceId,
      platform: "ios",
    },
  });
  return { campaignId, target, bystander, pendingCampaignId: pending.id };
}

describe("GDPR export", () => {
  it("answers everything held about the subscriber, without push secrets", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["read"]);
    const { target } = await subscriberWithHistory(app);
    const device = await getDb().device.findUniqueOrThrow({ where: { id: target.deviceId } });
    const response = await callRoute(exportRoute, {
      path: `/api/v1/subscribers/${target.externalId}/export`,
      params: { externalId: target.externalId },
      as: { apiKey: key },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const text = await response.text();
    const exported = JSON.parse(text) as Record<string, unknown[] & Record<string, unknown>>;
    expect(exported.subscriber).toMatchObject({
      externalId: target.externalId,
      attributes: { first_name: "Ada" },
      tags: ["vip"],
    });
    expect(exported.devices).toHaveLength(1);
    expect(exported.events).toHaveLength(2);
    expect(exported.messages).toHaveLength(2);
    expect(exported.messages?.[0]).toMatchObject({ outcome: "converted", revenue: 12.5 });
    expect(exported.preferences).toEqual([
      expect.objectContaining({ key: "deals", optedIn: false, isDefault: false }),
    ]);
    expect(text).not.toContain(device.address);
  });
});

describe("GDPR erasure", () => {
  it("erases profile, devices, events and choices, anonymises deliveries, keeps every count", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["admin"]);
    const { campaignId, target, bystander, pendingCampaignId } = await subscriberWithHistory(app);
    const before = await getCampaignStats(app.id, campaignId);
    const response = await callRoute(eraseRoute, {
      method: "DELETE",
      path: `/api/v1/subscribers/${target.externalId}`,
      params: { externalId: target.externalId },
      as: { apiKey: key },
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      erased: true,
      devices: 1,
      events: 2,
      deliveriesAnonymised: 2,
    });

    const db = getDb();
    expect(await db.subscriber.count({ where: { id: target.subscriberId } })).toBe(0);
    expect(await db.device.count({ where: { id: target.deviceId } })).toBe(0);
    expect(await db.event.count({ where: { subscriberId: target.subscriberId } })).toBe(0);
    expect(
      await db.subscriberTopicPreference.count({ where: { subscriberId: target.subscriberId } }),
    ).toBe(0);
    expect(
      await db.delivery.count({
        where: { OR: [{ subscriberId: target.subscriberId }, { deviceId: target.deviceId }] },
      }),
    ).toBe(0);
    // No trace of the external id anywhere in the app's campaigns or audit log.
    const campaigns = await db.campaign.findMany({ where: { appId: app.id } });
    expect(JSON.stringify(campaigns)).not.toContain(target.externalId);
    expect(JSON.stringify(campaigns)).toContain(bystander.externalId);
    const audit = await db.auditLogEntry.findMany({
      where: { appId: app.id, action: "subscriber.erased" },
    });
    expect(audit).toHaveLength(1);
    expect(
      JSON.stringify(audit, (_, value) => (typeof value === "bigint" ? value.toString() : value)),
    ).not.toContain(target.externalId);

    // The campaign's numbers are what they were; the pending send to them is canceled.
    expect(await getCampaignStats(app.id, campaignId)).toEqual(before);
    const pending = await db.delivery.findFirstOrThrow({
      where: { campaignId: pendingCampaignId },
    });
    expect(pending).toMatchObject({
      status: "canceled",
      reason: "subscriber_erased",
      subscriberId: null,
      deviceId: null,
    });
    // Others are untouched.
    expect(await db.event.count({ where: { subscriberId: bystander.subscriberId } })).toBe(1);
    expect(await db.device.count({ where: { id: bystander.deviceId } })).toBe(1);

    await expectProblem(
      await callRoute(profileRoute, {
        path: "/x",
        params: { externalId: target.externalId },
        as: { apiKey: key },
      }),
      404,
    );
  });

  it("needs the admin scope, and answers 404 for another app's subscriber", async () => {
    const app = await createTestApp();
    const other = await createTestApp();
    const ingest = await createTestApiKey(app, ["ingest", "read"]);
    const otherAdmin = await createTestApiKey(other, ["admin"]);
    await callRoute(putRoute, {
      method: "PUT",
      path: "/x",
      params: { externalId: "ada" },
      as: { apiKey: ingest },
      body: {},
    });
    const erase = (apiKey: string) =>
      callRoute(eraseRoute, {
        method: "DELETE",
        path: "/x",
        params: { externalId: "ada" },
        as: { apiKey },
      });
    await expectProblem(await erase(ingest), 403);
    await expectProblem(await erase(otherAdmin), 404);
    for (const handler of [profileRoute, exportRoute]) {
      await expectProblem(
        await callRoute(handler, {
          path: "/x",
          params: { externalId: "ada" },
          as: { apiKey: otherAdmin },
        }),
        404,
      );
    }
    // The same external id in another app is another subscriber altogether.
    const theirs = await callRoute(putRoute, {
      method: "PUT",
      path: "/x",
      params: { externalId: "ada" },
      as: { apiKey: otherAdmin },
      body: { tags: { set: ["x"] } },
    });
    expect(theirs.status).toBe(201);
    const ada = await getDb().subscriber.findFirstOrThrow({
      where: { appId: app.id, externalId: "ada" },
    });
    expect(ada.tags).toEqual([]);
  });
});
