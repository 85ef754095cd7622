import { describe, expect, it } from "vitest";
import { POST as eventsRoute } from "@/app/api/v1/events/route";
import { getDb } from "@/lib/db/client";
import { eventWriterStats, writeEvents } from "@/lib/events/event-writer";
import { ingestEvents } from "@/lib/events/ingest-events";
import type { EventInput } from "@/lib/events/schemas";
import type { EventToStore } from "@/lib/events/store-events";
import { createTestApiKey, createTestApp, eventToStore, randomId } from "@/tests/support/factories";
import { callRoute } from "@/tests/support/http";
import { expectProblem, seedSentCampaign } from "../api/support";

// Ingestion stores most batches with one statement (lib/events/store-events.ts),
// whose parts share one snapshot. These pin what that must not change.

const hoursAgo = (hours: number, from = Date.now()) => new Date(from - hours * 3600_000);

function event(externalId: string, name: string, extra: Partial<EventInput> = {}): EventInput {
  return { externalId, name, properties: {}, ...extra };
}

describe("ingestion in one statement", () => {
  it("resolves every event to one subscriber when concurrent batches create the same new ones", async () => {
    const app = await createTestApp();
    // 100 events a batch: each its own statement (smaller ones would share one).
    const people = Array.from({ length: 100 }, () => `new-${randomId(8)}`);
    // Each batch names all of them, in its own order, at the same time.
    const batches = Array.from({ length: 8 }, (_, batch) =>
      ingestEvents(app.id, {
        events: (batch % 2 ? [...people].reverse() : people)
          .map((_, index, list) => list[(index + batch * 13) % list.length] ?? "")
          .map((externalId) => event(externalId, "app_opened")),
      }),
    );
    const results = await Promise.all(batches);
    expect(results.every((result) => result.accepted === people.length)).toBe(true);
    const db = getDb();
    expect(await db.subscriber.count({ where: { appId: app.id } })).toBe(people.length);
    expect(await db.event.count({ where: { appId: app.id, subscriberId: null } })).toBe(0);
    const perSubscriber = await db.event.groupBy({
      by: ["subscriberId"],
      where: { appId: app.id },
      _count: true,
    });
    expect(perSubscriber.map((group) => group._count)).toEqual(people.map(() => 8));
  });

  it("credits a purchase to the push whose open is in the same batch", async () => {
    const app = await createTestApp();
    const { recipients } = await seedSentCampaign(app, 1, { sentAt: hoursAgo(3) });
    const [recipient] = recipients;
    if (!recipient) throw new Error("no recipient");
    const now = Date.now();
    // The purchase comes first in the batch; the open it follows is stamped all the same.
    const result = await ingestEvents(app.id, {
      events: [
        event(recipient.externalId, "purchase", {
          revenue: 30,
          currency: "EUR",
          occurredAt: hoursAgo(1, now).toISOString(),
        }),
        event(recipient.externalId, "opened", {
          deliveryId: recipient.deliveryId.toString(),
          occurredAt: hoursAgo(2, now).toISOString(),
        }),
      ],
    });
    expect(result).toEqual({ accepted: 2, duplicates: 0 });
    const delivery = await getDb().delivery.findUniqueOrThrow({
      where: { id: recipient.deliveryId },
    });
    expect(delivery.openedAt?.toISOString()).toBe(hoursAgo(2, now).toISOString());
    expect(delivery.convertedAt?.toISOString()).toBe(hoursAgo(1, now).toISOString());
    expect(delivery.revenue?.toNumber()).toBe(30);
    const purchase = await getDb().event.findFirstOrThrow({
      where: { appId: app.id, name: "purchase" },
    });
    expect(purchase.deliveryId).toBe(recipient.deliveryId);
  });

  it("writes nothing, not even the new subscribers, when a delivery id is not the app's", async () => {
    const app = await createTestApp();
    const other = await createTestApp();
    const { recipients } = await seedSentCampaign(other, 1);
    const [foreign] = recipients;
    if (!foreign) throw new Error("no recipient");
    await expect(
      ingestEvents(app.id, {
        events: [
          event(`new-${randomId(8)}`, "app_opened"),
          event(`new-${randomId(8)}`, "opened", { deliveryId: foreign.deliveryId.toString() }),
        ],
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: { fields: [{ field: "events.1.deliveryId" }] },
    });
    expect(await getDb().subscriber.count({ where: { appId: app.id } })).toBe(0);
    expect(await getDb().event.count({ where: { appId: app.id } })).toBe(0);
  });

  it("marks a subscriber seen when an event arrives, at most once a minute", async () => {
    const app = await createTestApp();
    const db = getDb();
    const externalId = `seen-${randomId(8)}`;
    const subscriber = await db.subscriber.create({
      data: { appId: app.id, externalId, lastSeenAt: hoursAgo(2) },
    });
    await ingestEvents(app.id, { events: [event(externalId, "app_opened")] });
    const seen = (await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } }))
      .lastSeenAt;
    expect(seen.getTime()).toBeGreaterThan(hoursAgo(0.1).getTime());
    // Within the minute, a second event leaves it as it is.
    await db.subscriber.update({
      where: { id: subscriber.id },
      data: { lastSeenAt: new Date(Date.now() - 30_000) },
    });
    const before = (await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } }))
      .lastSeenAt;
    await ingestEvents(app.id, { events: [event(externalId, "app_opened")] });
    expect(
      (await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).lastSeenAt,
    ).toEqual(before);
  });
});

describe("requests sharing a statement", () => {
  const stored = (externalId: string | null, name: string, fields: Partial<EventToStore> = {}) =>
    eventToStore(name, { externalId, ...fields });

  it("answers each request its own count, a key held by an earlier request being a duplicate", async () => {
    const app = await createTestApp();
    const shared = `e:shared-${randomId(8)}`;
    const before = { ...eventWriterStats };
    // Two go at once (alone); the four after them wait, then share one
    // statement, in which the shared key is the first one's that sends it.
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        writeEvents(app.id, [
          stored(`p-${index}`, "page_viewed"),
          ...(index >= 2 ? [stored(`p-${index}`, "signup", { dedupeKey: shared })] : []),
          stored(`p-${index}`, "tap", { dedupeKey: `e:own-${index}-${randomId(6)}` }),
        ]),
      ),
    );
    expect(eventWriterStats.sharedStatements).toBe(before.sharedStatements + 1);
    expect(answers).toEqual([2, 2, 3, 2, 2, 2]);
    expect(await getDb().event.count({ where: { appId: app.id } })).toBe(13);
    expect(await getDb().event.count({ where: { appId: app.id, name: "signup" } })).toBe(1);
  });

  it("shares statements between receipts too, each request answered for its own delivery", async () => {
    const app = await createTestApp();
    const { recipients } = await seedSentCampaign(app, 5);
    const receipt = (index: number, name = "delivered") => {
      const recipient = recipients[index % recipients.length];
      if (!recipient) throw new Error("no recipient");
      return stored("", name, {
        externalId: null,
        subscriberId: recipient.subscriberId,
        deliveryId: recipient.deliveryId,
        dedupeKey: `r:${recipient.deliveryId}:${name}`,
        deviceId: recipient.deviceId,
      });
    };
    const deviceIds = recipients.map((recipient) => recipient.deviceId);
    const longAgo = new Date(Date.now() - 2 * 3600_000);
    await getDb().device.updateMany({
      where: { id: { in: deviceIds } },
      data: { lastSeenAt: longAgo },
    });
    const before = { ...eventWriterStats };
    // Two go at once; the five after them share one statement, in which the
    // sixth repeats the first's receipt (already stored: not recorded again).
    const answers = await Promise.all(
      [0, 1, 2, 3, 4, 0, 2].map((index, order) =>
        writeEvents(app.id, [receipt(index, order === 6 ? "opened" : "delivered")], "receipts"),
      ),
    );
    expect(eventWriterStats.sharedStatements).toBe(before.sharedStatements + 1);
    expect(answers).toEqual([1, 1, 1, 1, 1, 0, 1]);
    const deliveries = await getDb().delivery.findMany({
      where: { id: { in: recipients.map((recipient) => recipient.deliveryId) } },
      select: { deliveredAt: true, openedAt: true },
    });
    expect(deliveries.every((delivery) => delivery.deliveredAt !== null)).toBe(true);
    expect(deliveries.filter((delivery) => delivery.openedAt !== null)).toHaveLength(1);
    // Every reporting device is marked seen, whichever statement carried its receipt.
    const devices = await getDb().device.findMany({ where: { id: { in: deviceIds } } });
    expect(devices.every((device) => device.lastSeenAt > longAgo)).toBe(true);
  });

  it("fails only the request whose events the database refuses", async () => {
    const app = await createTestApp();
    const before = { ...eventWriterStats };
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, index) =>
        writeEvents(app.id, [
          // PostgreSQL's jsonb refuses NUL: written past the schema, which refuses it first.
          stored(`q-${index}`, "page_viewed", {
            properties: index === 4 ? { note: "a\u0000b" } : { index },
          }),
        ]),
      ),
    );
    expect(eventWriterStats.retriedAlone).toBeGreaterThan(before.retriedAlone);
    expect(results.map((result) => result.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    expect(await getDb().event.count({ where: { appId: app.id } })).toBe(5);
  });
});

describe("values PostgreSQL refuses", () => {
  it("answers 400, not 500, for a NUL character in properties or a year PostgreSQL lacks", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["ingest"]);
    const send = (events: unknown[]) =>
      callRoute(eventsRoute, { path: "/api/v1/events", as: { apiKey: key }, body: { events } });
    await expectProblem(
      await send([{ externalId: "u", name: "note", properties: { text: "a\u0000b" } }]),
      400,
      "events.0.properties.text",
    );
    await expectProblem(
      await send([{ externalId: "u", name: "note", occurredAt: "0000-06-01T00:00:00Z" }]),
      400,
      "events.0.occurredAt",
    );
    expect(await getDb().event.count({ where: { appId: app.id } })).toBe(0);
  });
});
