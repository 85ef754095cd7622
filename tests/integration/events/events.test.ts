import { describe, expect, it } from "vitest";
import { POST as eventsRoute } from "@/app/api/v1/events/route";
import { getDb } from "@/lib/db/client";
import type { ProblemBody } from "@/lib/http/problem";
import { createTestApiKey, createTestApp, randomId } from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";
import { expectProblem, seedSentCampaign } from "../api/support";

async function setup() {
  const app = await createTestApp();
  const key = await createTestApiKey(app, ["ingest"]);
  const send = (events: unknown[], apiKey = key) =>
    callRoute(eventsRoute, { path: "/api/v1/events", as: { apiKey }, body: { events } });
  return { app, key, send };
}

const hoursAgo = (hours: number, from = Date.now()) => new Date(from - hours * 3600_000);

describe("POST /api/v1/events", () => {
  it("stores a batch of 1,000 in one go and creates the subscribers it names", async () => {
    const { app, send } = await setup();
    const events = Array.from({ length: 1_000 }, (_, index) => ({
      externalId: `user-${index % 50}`,
      name: "product_viewed",
      properties: { sku: `SKU-${index}` },
    }));
    const response = await send(events);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ accepted: 1_000, duplicates: 0 });
    const db = getDb();
    expect(await db.event.count({ where: { appId: app.id } })).toBe(1_000);
    expect(await db.subscriber.count({ where: { appId: app.id } })).toBe(50);
  });

  it("refuses 1,001 events, and a batch with one bad event, storing none of it", async () => {
    const { app, send } = await setup();
    const event = (index: number) => ({ externalId: "u", name: "tap", properties: { index } });
    await expectProblem(
      await send(Array.from({ length: 1_001 }, (_, index) => event(index))),
      400,
      "events",
    );
    const batch = [event(1), event(2), { externalId: "u", name: "purchase", revenue: 10 }];
    await expectProblem(await send(batch), 400, "events.2.currency");
    await expectProblem(
      await send([{ externalId: "u", name: "purchase", revenue: 10, currency: "ZZZ" }]),
      400,
      "events.0.currency",
    );
    const lowercase = await send([
      { externalId: "u", name: "purchase", revenue: 1, currency: "eur" },
    ]);
    // Said once, not once per check the code fails.
    expect(((await lowercase.json()) as ProblemBody).errors).toEqual([
      expect.objectContaining({ pointer: "#/events/0/currency" }),
    ]);
    // A key validation would drop without a word (it sets an object's prototype).
    const reserved = JSON.parse(
      '{"externalId":"u","name":"tap","properties":{"__proto__":{"a":1}}}',
    );
    await expectProblem(await send([reserved]), 400, "events.0.properties.__proto__");
    await expectProblem(await send([{ ...event(1), colour: "blue" }]), 400, "events.0");
    await expectProblem(
      await send([{ externalId: "u", name: "opened" }]),
      400,
      "events.0.deliveryId",
    );
    // Past PostgreSQL's bigint: a 400 naming the field, not a database error.
    await expectProblem(
      await send([{ externalId: "u", name: "opened", deliveryId: "9999999999999999999" }]),
      400,
      "events.0.deliveryId",
    );
    await expectProblem(
      await send([{ ...event(1), occurredAt: new Date(Date.now() + 86_400_000).toISOString() }]),
      400,
      "events.0.occurredAt",
    );
    await expectProblem(
      await send([{ ...event(1), name: "1-starts-with-a-digit" }]),
      400,
      "events.0.name",
    );
    await expectProblem(await send([]), 400, "events");
    expect(await getDb().event.count({ where: { appId: app.id } })).toBe(0);
    expect(await getDb().subscriber.count({ where: { appId: app.id } })).toBe(0);
  });

  it("answers 413 for a body over the size limit", async () => {
    const { send } = await setup();
    const events = Array.from({ length: 300 }, () => ({
      externalId: "u",
      name: "big",
      properties: { blob: "x".repeat(8_000) },
    }));
    await expectProblem(await send(events), 413);
  });

  it("stores an event with a known eventId once, in the same batch and across batches", async () => {
    const { app, send } = await setup();
    const purchase = { externalId: "u1", name: "signup", eventId: `evt-${randomId()}` };
    expect(await json(await send([purchase, purchase]))).toEqual({ accepted: 1, duplicates: 1 });
    expect(await json(await send([purchase, { externalId: "u1", name: "other" }]))).toEqual({
      accepted: 1,
      duplicates: 1,
    });
    expect(await getDb().event.count({ where: { appId: app.id, name: "signup" } })).toBe(1);
  });

  it("stamps a delivery with its receipts once: the first of each kind wins", async () => {
    const { app, send } = await setup();
    const { recipients } = await seedSentCampaign(app, 1);
    const [recipient] = recipients;
    if (!recipient) throw new Error("no recipient");
    const deliveryId = recipient.deliveryId.toString();
    const first = hoursAgo(2);
    const later = hoursAgo(1);
    const receipt = (name: string, at: Date) => ({
      externalId: recipient.externalId,
      name,
      deliveryId,
      occurredAt: at.toISOString(),
    });
    expect(await json(await send([receipt("delivered", first), receipt("opened", first)]))).toEqual(
      {
        accepted: 2,
        duplicates: 0,
      },
    );
    expect(
      await json(
        await send([
          receipt("opened", later),
          receipt("dismissed", later),
          receipt("delivered", later),
        ]),
      ),
    ).toEqual({ accepted: 1, duplicates: 2 });
    const delivery = await getDb().delivery.findUniqueOrThrow({
      where: { id: recipient.deliveryId },
    });
    expect(delivery.deliveredAt?.toISOString()).toBe(first.toISOString());
    expect(delivery.openedAt?.toISOString()).toBe(first.toISOString());
    expect(delivery.dismissedAt?.toISOString()).toBe(later.toISOString());
    expect(
      await getDb().event.count({ where: { appId: app.id, deliveryId: recipient.deliveryId } }),
    ).toBe(3);
  });

  it("treats an action click as an open, which also proves delivery", async () => {
    const { app, send } = await setup();
    const { recipients } = await seedSentCampaign(app, 1);
    const [recipient] = recipients;
    if (!recipient) throw new Error("no recipient");
    await send([
      {
        externalId: recipient.externalId,
        name: "action_clicked",
        deliveryId: recipient.deliveryId.toString(),
        properties: { actionId: "track" },
      },
    ]);
    const delivery = await getDb().delivery.findUniqueOrThrow({
      where: { id: recipient.deliveryId },
    });
    expect(delivery.openedAt).not.toBeNull();
    expect(delivery.deliveredAt).not.toBeNull();
  });

  it("refuses receipts for another app's delivery and leaves it untouched", async () => {
    const { send } = await setup();
    const other = await createTestApp();
    const { recipients } = await seedSentCampaign(other, 1);
    const [recipient] = recipients;
    if (!recipient) throw new Error("no recipient");
    await expectProblem(
      await send([
        {
          externalId: recipient.externalId,
          name: "opened",
          deliveryId: recipient.deliveryId.toString(),
        },
      ]),
      400,
      "events.0.deliveryId",
    );
    const delivery = await getDb().delivery.findUniqueOrThrow({
      where: { id: recipient.deliveryId },
    });
    expect(delivery.openedAt).toBeNull();
    expect(await getDb().event.count({ where: { appId: other.id } })).toBe(0);
  });

  it("refuses a receipt or a purchase naming another subscriber's push, and changes nothing", async () => {
    const { app, send } = await setup();
    const { recipients } = await seedSentCampaign(app, 2);
    const [mine, theirs] = recipients;
    if (!mine || !theirs) throw new Error("two recipients expected");
    const before = await getDb().event.count({ where: { appId: app.id } });
    const mixed = [
      { externalId: mine.externalId, name: "opened", deliveryId: mine.deliveryId.toString() },
      { externalId: mine.externalId, name: "opened", deliveryId: theirs.deliveryId.toString() },
    ];
    const problem = await expectProblem(await send(mixed), 400, "events.1.deliveryId");
    expect(problem.errors).toHaveLength(1);
    const purchase = {
      externalId: mine.externalId,
      name: "purchase",
      revenue: 10,
      currency: "EUR",
      deliveryId: theirs.deliveryId.toString(),
    };
    await expectProblem(await send([purchase]), 400, "events.0.deliveryId");
    // Someone who is not a subscriber yet owns no push either; no profile is made for them.
    await expectProblem(
      await send([{ ...purchase, externalId: "stranger" }]),
      400,
      "events.0.deliveryId",
    );
    const deliveries = await getDb().delivery.findMany({
      where: { id: { in: [mine.deliveryId, theirs.deliveryId] } },
    });
    expect(deliveries.map((delivery) => [delivery.openedAt, delivery.convertedAt])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(await getDb().event.count({ where: { appId: app.id } })).toBe(before);
    expect(
      await getDb().subscriber.count({ where: { appId: app.id, externalId: "stranger" } }),
    ).toBe(0);
    // The same push with its own subscriber, even written with a leading zero, is fine.
    const own = { ...mixed[0], deliveryId: `0${mine.deliveryId}` };
    expect(await json(await send([own]))).toEqual({ accepted: 1, duplicates: 0 });
  });
});

describe("conversion attribution", () => {
  /** A fresh app with one subscriber who was sent one push, and a function that sends events. */
  async function oneRecipient(attributionWindowHours?: number) {
    const { app, send } = await setup();
    if (attributionWindowHours) {
      await getDb().app.update({ where: { id: app.id }, data: { attributionWindowHours } });
    }
    const { recipients } = await seedSentCampaign(app, 1, { sentAt: hoursAgo(100) });
    const [recipient] = recipients;
    if (!recipient) throw new Error("no recipient");
    const openAt = (at: Date) =>
      send([
        {
          externalId: recipient.externalId,
          name: "opened",
          deliveryId: recipient.deliveryId.toString(),
          occurredAt: at.toISOString(),
        },
      ]);
    const purchaseAt = (at: Date) =>
      send([
        {
          externalId: recipient.externalId,
          name: "purchase",
          revenue: 10,
          currency: "USD",
          occurredAt: at.toISOString(),
        },
      ]);
    const isConverted = async () =>
      (await getDb().delivery.findUniqueOrThrow({ where: { id: recipient.deliveryId } }))
        .convertedAt !== null;
    return { openAt, purchaseAt, isConverted };
  }

  it("credits a purchase inside the window to the push opened last, with its revenue", async () => {
    const { app, send } = await setup();
    // One subscriber, two campaigns opened at different times: the later open wins.
    const {
      recipients: [first],
    } = await seedSentCampaign(app, 1, { sentAt: hoursAgo(30) });
    if (!first) throw new Error("no recipient");
    const second = await seedSecondDelivery(app.id, first.subscriberId, first.deviceId);
    const now = Date.now();
    await send([
      {
        externalId: first.externalId,
        name: "opened",
        deliveryId: first.deliveryId.toString(),
        occurredAt: hoursAgo(5, now).toISOString(),
      },
      {
        externalId: first.externalId,
        name: "opened",
        deliveryId: second.toString(),
        occurredAt: hoursAgo(3, now).toISOString(),
      },
    ]);
    const purchase = (revenue: number, at: Date, eventId: string) => ({
      externalId: first.externalId,
      name: "purchase",
      revenue,
      currency: "EUR",
      occurredAt: at.toISOString(),
      eventId,
    });
    await send([
      purchase(40, hoursAgo(1, now), "order-1"),
      purchase(2.5, hoursAgo(0.5, now), "order-2"),
    ]);
    // A resent purchase is a duplicate: no revenue counted twice.
    await send([purchase(40, hoursAgo(1, now), "order-1")]);
    const db = getDb();
    const [older, newer] = await Promise.all([
      db.delivery.findUniqueOrThrow({ where: { id: first.deliveryId } }),
      db.delivery.findUniqueOrThrow({ where: { id: second } }),
    ]);
    expect(older.convertedAt).toBeNull();
    expect(newer.convertedAt?.toISOString()).toBe(hoursAgo(1, now).toISOString());
    expect(newer.revenue?.toNumber()).toBe(42.5);
    const purchases = await db.event.findMany({ where: { appId: app.id, name: "purchase" } });
    expect(purchases).toHaveLength(2);
    expect(purchases.every((event) => event.deliveryId === second)).toBe(true);
  });

  it("honours the window edges: at the window's end counts, a second later and before the open do not", async () => {
    for (const [offsetMs, attributed] of [
      [0, true],
      [24 * 3600_000, true],
      [24 * 3600_000 + 1_000, false],
      [-1_000, false],
    ] as const) {
      const { openAt, purchaseAt, isConverted } = await oneRecipient();
      const opened = hoursAgo(48);
      await openAt(opened);
      await purchaseAt(new Date(opened.getTime() + offsetMs));
      expect(await isConverted(), `offset ${offsetMs} ms`).toBe(attributed);
    }
  });

  it("uses the app's own attribution window", async () => {
    const { openAt, purchaseAt, isConverted } = await oneRecipient(2);
    const opened = hoursAgo(10);
    await openAt(opened);
    await purchaseAt(new Date(opened.getTime() + 3 * 3600_000));
    expect(await isConverted()).toBe(false);
  });
});

async function seedSecondDelivery(
  appId: string,
  subscriberId: bigint,
  deviceId: bigint,
): Promise<bigint> {
  const db = getDb();
  const campaign = await db.campaign.create({
    data: { appId, name: `Second ${randomId(4)}`, status: "completed" },
  });
  const delivery = await db.delivery.create({
    data: {
      appId,
      campaignId: campaign.id,
      subscriberId,
      deviceId,
      platform: "ios",
      status: "sent",
      sentAt: hoursAgo(20),
    },
  });
  return delivery.id;
}
