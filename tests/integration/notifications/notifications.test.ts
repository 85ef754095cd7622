import { describe, expect, it } from "vitest";
import { GET as getNotificationRoute } from "@/app/api/v1/notifications/[notificationId]/route";
import { POST as sendRoute } from "@/app/api/v1/notifications/route";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";
import { createTestApiKey, createTestApp, randomId, type TestApp } from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";
import { expectProblem, seedSentCampaign } from "../api/support";

const body = (overrides: Record<string, unknown> = {}) => ({
  audience: { type: "subscribers", externalIds: ["user-1"] },
  content: { title: "Your order shipped", body: "It arrives Thursday", url: "/orders/1" },
  ...overrides,
});

async function setup() {
  const app = await createTestApp();
  const key = await createTestApiKey(app, ["send", "read"]);
  const send = (payload: unknown, headers: Record<string, string> = {}, apiKey = key) =>
    callRoute(sendRoute, { path: "/api/v1/notifications", as: { apiKey }, body: payload, headers });
  return { app, key, send };
}

const campaignsOf = (app: TestApp) => getDb().campaign.count({ where: { appId: app.id } });

describe("POST /api/v1/notifications", () => {
  it("creates a transactional API campaign and launches it", async () => {
    const { app, send } = await setup();
    const response = await send(body());
    expect(response.status).toBe(201);
    const notification = await json<{ id: string; status: string; category: string }>(response);
    expect(notification).toMatchObject({ status: "sending", category: "transactional" });
    const campaign = await getDb().campaign.findFirstOrThrow({
      where: { id: notification.id, appId: app.id },
    });
    expect(campaign.source).toBe("api");
  });

  it("sends a body-only push whose title is only spaces, named for want of a title", async () => {
    const { app, send } = await setup();
    const response = await send(body({ content: { title: "   ", body: "World" } }));
    expect(response.status).toBe(201);
    const { id } = await json<{ id: string }>(response);
    const campaign = await getDb().campaign.findFirstOrThrow({ where: { id, appId: app.id } });
    expect(campaign.name).toBe("API notification");
  });

  it("names the external ids that match no subscriber of the app, and sends to the rest", async () => {
    const { app, send } = await setup();
    const other = await createTestApp();
    await getDb().subscriber.createMany({
      data: [
        { appId: app.id, externalId: "user-1" },
        { appId: other.id, externalId: "user-2" },
      ],
    });
    const response = await send(
      body({
        audience: { type: "subscribers", externalIds: ["user-1", "user-2", "usr-1", "usr-1"] },
      }),
    );
    expect(response.status).toBe(201);
    const notification = await json<{ status: string; unknownExternalIds: string[] }>(response);
    expect(notification).toMatchObject({
      status: "sending",
      unknownExternalIds: ["user-2", "usr-1"],
    });

    const toSegment = await json<{ unknownExternalIds: string[] }>(
      await send(body({ audience: { type: "all" } })),
    );
    expect(toSegment.unknownExternalIds).toEqual([]);
  });

  it("schedules a future sendAt, and refuses a past one", async () => {
    const { app, send } = await setup();
    const sendAt = new Date(Date.now() + 3600_000).toISOString();
    const response = await send(body({ sendAt, category: "marketing" }));
    expect(response.status).toBe(201);
    const notification = await json<{ status: string; scheduledAt: string; category: string }>(
      response,
    );
    expect(notification).toMatchObject({ status: "scheduled", category: "marketing" });
    expect(notification.scheduledAt).toBe(sendAt);
    await expectProblem(
      await send(body({ sendAt: new Date(Date.now() - 60_000).toISOString() })),
      400,
      "sendAt",
    );
    expect(await campaignsOf(app)).toBe(1);
  });

  it("refuses bad input naming the field, and creates nothing", async () => {
    const { app, send } = await setup();
    const other = await createTestApp();
    const { recipients } = await seedSentCampaign(other, 1);
    const othersDevice = String(recipients[0]?.deviceId);
    const cases: [unknown, string][] = [
      [body({ content: { title: "x", url: "javascript:alert(1)" } }), "content.url"],
      [body({ content: { title: "x", imageUrl: "http://example.com/a.png" } }), "content.imageUrl"],
      [body({ content: { title: "x", url: "data:text/html,hi" } }), "content.url"],
      [body({ ttlSeconds: 10 }), "ttlSeconds"],
      [body({ ttlSeconds: 29 * 24 * 3600 }), "ttlSeconds"],
      [body({ audience: { type: "devices", deviceIds: ["abc"] } }), "audience.deviceIds.0"],
      // Past PostgreSQL's bigint: refused, not accepted and then failing in the worker.
      [
        body({ audience: { type: "devices", deviceIds: ["99999999999999999999"] } }),
        "audience.deviceIds.0",
      ],
      [
        body({ audience: { type: "devices", deviceIds: ["9223372036854775808"] } }),
        "audience.deviceIds.0",
      ],
      // No such device, or another app's: the push would reach nobody without a word.
      [
        body({ audience: { type: "devices", deviceIds: ["9223372036854775807"] } }),
        "audience.deviceIds.0",
      ],
      [body({ audience: { type: "devices", deviceIds: [othersDevice] } }), "audience.deviceIds.0"],
      [body({ audience: { type: "planets" } }), "audience.type"],
      [body({ category: "triggered" }), "category"],
      [body({ priority: "urgent" }), "(body)"],
      [body({ content: {} }), "content.title"],
      [body({ audience: { type: "segment", segmentId: "nope" } }), "audience.segmentId"],
      [body({ topicId: "nope" }), "topicId"],
    ];
    for (const [payload, field] of cases) {
      await expectProblem(await send(payload), 400, field);
    }
    expect(await campaignsOf(app)).toBe(0);
  });

  it("needs the send scope: a read or ingest key cannot send", async () => {
    const { app, send } = await setup();
    for (const scopes of [["read"], ["ingest"]] as const) {
      const key = await createTestApiKey(app, [...scopes]);
      await expectProblem(await send(body(), {}, key), 403);
    }
    const revoked = await createTestApiKey(app, ["send"]);
    await getDb().apiKey.updateMany({
      where: { appId: app.id, revokedAt: null, scopes: { equals: ["send"] } },
      data: { revokedAt: new Date() },
    });
    await expectProblem(await send(body(), {}, revoked), 401);
    await expectProblem(
      await callRoute(sendRoute, { path: "/api/v1/notifications", body: body() }),
      401,
    );
    expect(await campaignsOf(app)).toBe(0);
  });
});

describe("Idempotency-Key", () => {
  it("answers a replay with the first answer and sends nothing more", async () => {
    const { app, send } = await setup();
    const key = `order-${randomId()}`;
    const first = await send(body(), { "idempotency-key": key });
    expect(first.status).toBe(201);
    const firstBody = await first.text();
    const replay = await send(body(), { "idempotency-key": key });
    expect(replay.status).toBe(201);
    expect(await replay.text()).toBe(firstBody);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await campaignsOf(app)).toBe(1);
  });

  it("still replays once a scheduled sendAt has passed", async () => {
    const { app, send } = await setup();
    const key = randomId(16);
    const sendAt = new Date(Date.now() + 1_500).toISOString();
    const first = await send(body({ sendAt }), { "idempotency-key": key });
    expect(first.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    const replay = await send(body({ sendAt }), { "idempotency-key": key });
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual(await first.json());
    expect(await campaignsOf(app)).toBe(1);
  });

  it("answers 409 to the same key with a different body", async () => {
    const { app, send } = await setup();
    const key = randomId(16);
    await send(body(), { "idempotency-key": key });
    const other = await send(body({ content: { title: "Something else" } }), {
      "idempotency-key": key,
    });
    await expectProblem(other, 409);
    expect(await campaignsOf(app)).toBe(1);
  });

  it("keys are per app: another app may use the same key", async () => {
    const a = await setup();
    const b = await setup();
    const key = randomId(16);
    expect((await a.send(body(), { "idempotency-key": key })).status).toBe(201);
    expect((await b.send(body(), { "idempotency-key": key })).status).toBe(201);
    expect(await campaignsOf(b.app)).toBe(1);
  });

  it("makes exactly one send of ten concurrent requests with one key", async () => {
    const { app, send } = await setup();
    const key = randomId(16);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => send(body(), { "idempotency-key": key })),
    );
    const statuses = responses.map((response) => response.status);
    expect(
      statuses.every((status) => status === 201 || status === 409),
      statuses.join(),
    ).toBe(true);
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    const ids = new Set(
      await Promise.all(
        responses
          .filter((response) => response.status === 201)
          .map(async (response) => (await json<{ id: string }>(response)).id),
      ),
    );
    expect(ids.size).toBe(1);
    expect(await campaignsOf(app)).toBe(1);
  });

  it("lets a corrected request reuse a key whose first attempt was refused", async () => {
    const { app, send } = await setup();
    const key = randomId(16);
    await expectProblem(
      await send(body({ topicId: "missing" }), { "idempotency-key": key }),
      400,
      "topicId",
    );
    expect((await send(body(), { "idempotency-key": key })).status).toBe(201);
    expect(await campaignsOf(app)).toBe(1);
  });

  describe("a first request that died mid-way (its record left in progress)", () => {
    /** A record as the dead request left it, bound to the same body as `original`'s. */
    async function abandonedRecord(
      app: TestApp,
      original: string,
      fields: { resourceId?: string; startedMsAgo: number },
    ) {
      const db = getDb();
      const first = await db.idempotencyRecord.findUniqueOrThrow({
        where: { appId_key: { appId: app.id, key: original } },
      });
      const key = randomId(16);
      await db.idempotencyRecord.create({
        data: {
          appId: app.id,
          key,
          requestHash: first.requestHash,
          resourceId: fields.resourceId ?? null,
          createdAt: new Date(Date.now() - fields.startedMsAgo),
          expiresAt: first.expiresAt,
        },
      });
      return key;
    }

    it("is redone once abandoned, when it had created nothing", async () => {
      const { app, send } = await setup();
      const original = randomId(16);
      expect((await send(body(), { "idempotency-key": original })).status).toBe(201);
      const key = await abandonedRecord(app, original, { startedMsAgo: 10 * 60_000 });

      const retried = await send(body(), { "idempotency-key": key });
      expect(retried.status).toBe(201);
      expect(await campaignsOf(app)).toBe(2);
      const replay = await send(body(), { "idempotency-key": key });
      expect(await replay.json()).toEqual(await retried.json());
      expect(await campaignsOf(app)).toBe(2);
    });

    it("is finished from the campaign it created: launched, answered, not created again", async () => {
      const { app, send } = await setup();
      const original = randomId(16);
      expect((await send(body(), { "idempotency-key": original })).status).toBe(201);
      const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
      const draft = await createCampaign(
        app.id,
        createCampaignSchema.parse({
          name: "Your order shipped",
          audience: body().audience,
          variants: [{ content: body().content }],
        }),
        actor,
        { source: "api" },
      );
      const key = await abandonedRecord(app, original, {
        resourceId: draft.id,
        startedMsAgo: 10 * 60_000,
      });

      const retried = await send(body(), { "idempotency-key": key });
      expect(retried.status).toBe(201);
      const answer = await json<{ id: string; status: string }>(retried);
      expect(answer.id).toBe(draft.id);
      expect(answer.status).not.toBe("draft");
      expect(await campaignsOf(app)).toBe(2);
    });

    it("is not taken over while it may still be running", async () => {
      const { app, send } = await setup();
      const original = randomId(16);
      expect((await send(body(), { "idempotency-key": original })).status).toBe(201);
      const key = await abandonedRecord(app, original, { startedMsAgo: 1_000 });

      await expectProblem(await send(body(), { "idempotency-key": key }), 409);
      expect(await campaignsOf(app)).toBe(1);
    });
  });

  it("refuses a malformed key", async () => {
    const { send } = await setup();
    await expectProblem(
      await send(body(), { "idempotency-key": "has spaces in it" }),
      400,
      "Idempotency-Key",
    );
  });
});

describe("GET /api/v1/notifications/{id}", () => {
  it("answers status and stats with rates, null where nothing to divide by", async () => {
    const { app, key, send } = await setup();
    const created = await json<{ id: string }>(await send(body()));
    const read = await callRoute(getNotificationRoute, {
      path: `/api/v1/notifications/${created.id}`,
      params: { notificationId: created.id },
      as: { apiKey: key },
    });
    expect(read.status).toBe(200);
    const notification = await json<{
      id: string;
      stats: { sent: number; rates: Record<string, unknown> };
    }>(read);
    expect(notification.id).toBe(created.id);
    expect(notification.stats.sent).toBe(0);
    expect(notification.stats.rates).toEqual({
      deliveryRate: null,
      openRate: null,
      conversionRate: null,
      revenuePerPush: null,
    });

    const { campaignId, recipients } = await seedSentCampaign(app, 3);
    const db = getDb();
    const [r0, r1] = recipients;
    if (!r0 || !r1) throw new Error("missing recipients");
    const now = new Date();
    await db.delivery.updateMany({
      where: { id: { in: [r0.deliveryId, r1.deliveryId] } },
      data: { deliveredAt: now },
    });
    await db.delivery.update({
      where: { id: r0.deliveryId },
      data: { openedAt: now, convertedAt: now, revenue: 30 },
    });
    // A fourth recipient whose push failed. Sent is final (the stats come from
    // rollups that count each outcome once), so it fails from the start rather
    // than turning a sent row into a failed one.
    await db.delivery.create({
      data: {
        appId: app.id,
        campaignId,
        platform: "ios",
        status: "failed",
        reason: "token_dead",
      },
    });
    const stats = await json<{ stats: Record<string, unknown> }>(
      await callRoute(getNotificationRoute, {
        path: "/x",
        params: { notificationId: campaignId },
        as: { apiKey: key },
      }),
    );
    expect(stats.stats).toMatchObject({
      total: 4,
      sent: 3,
      delivered: 2,
      opened: 1,
      converted: 1,
      revenue: 30,
      byStatus: { sent: 3, failed: 1, pending: 0 },
      byReason: [{ status: "failed", reason: "token_dead", count: 1 }],
      rates: { deliveryRate: 66.67, openRate: 50, conversionRate: 100, revenuePerPush: 10 },
    });
  });

  it("answers 404 for another app's notification", async () => {
    const a = await setup();
    const b = await setup();
    const created = await json<{ id: string }>(await b.send(body()));
    await expectProblem(
      await callRoute(getNotificationRoute, {
        path: "/x",
        params: { notificationId: created.id },
        as: { apiKey: a.key },
      }),
      404,
    );
  });
});
