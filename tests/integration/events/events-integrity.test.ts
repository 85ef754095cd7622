import { describe, expect, it } from "vitest";
import { deleteApp } from "@/lib/apps/delete-app";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { pooledRunner } from "@/lib/events/event-writer";
import { ingestEvents } from "@/lib/events/ingest-events";
import { storeEvents, transactionRunner } from "@/lib/events/store-events";
import { eraseSubscriber } from "@/lib/subscribers/erase-subscriber";
import { createTestApp, eventToStore, randomId, type TestApp } from "@/tests/support/factories";
import { waitFor } from "@/tests/support/wait";

// Events carry no foreign keys (checking them row by row was a quarter of a
// batch's cost). These pin what the keys guaranteed: no event outlives its
// app or subscriber, however a delete and a batch interleave.

const pageView = (externalId: string | null, subscriberId: bigint | null = null) =>
  eventToStore("page_viewed", { externalId, subscriberId });

async function subscriberOf(app: TestApp, externalId: string) {
  return getDb().subscriber.findUniqueOrThrow({
    where: { appId_externalId: { appId: app.id, externalId } },
  });
}

/** Events of the app whose subscriber does not exist. */
async function orphans(appId: string): Promise<number> {
  const [row] = await getDb().$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM events e
    WHERE e."appId" = ${appId} AND e."subscriberId" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM subscribers s WHERE s.id = e."subscriberId")`;
  return row?.count ?? -1;
}

/** Whether some statement of this database waits for a row lock and its text contains `fragment`. */
async function someoneWaitsOnLock(fragment: string): Promise<boolean> {
  const [row] = await getDb().$queryRaw<{ waiting: boolean }[]>`
    SELECT count(*) > 0 AS waiting FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock'
      AND query LIKE ${`%${fragment}%`}`;
  return row?.waiting ?? false;
}

/** A transaction kept open until `commit` is called. */
function heldTransaction(work: (tx: Prisma.TransactionClient) => Promise<unknown>) {
  let commit = () => {};
  const released = new Promise<void>((resolve) => {
    commit = resolve;
  });
  let worked = () => {};
  const ready = new Promise<void>((resolve) => {
    worked = resolve;
  });
  const done = getDb().$transaction(
    async (tx) => {
      await work(tx);
      worked();
      await released;
    },
    { timeout: 30_000 },
  );
  return { ready, commit, done };
}

describe("events without foreign keys", () => {
  it("go with their app, anonymous ones included, and no other app's", async () => {
    const doomed = await createTestApp();
    const kept = await createTestApp();
    await ingestEvents(doomed.id, {
      events: [{ externalId: "ada", name: "signup", properties: {} }],
    });
    await ingestEvents(kept.id, {
      events: [{ externalId: "ada", name: "signup", properties: {} }],
    });
    // An SDK prompt event of a visitor with no subscriber yet.
    await storeEvents(pooledRunner, doomed.id, [pageView(null)], { triggers: [] });
    expect(await getDb().event.count({ where: { appId: doomed.id } })).toBe(2);

    await deleteApp(doomed.id, doomed.name);

    expect(await getDb().event.count({ where: { appId: doomed.id } })).toBe(0);
    expect(await getDb().event.count({ where: { appId: kept.id } })).toBe(1);
  });

  it("go with their subscriber, and no other subscriber's", async () => {
    const app = await createTestApp();
    await ingestEvents(app.id, {
      events: ["ada", "ada", "bob"].map((externalId) => ({
        externalId,
        name: "page_viewed",
        properties: {},
      })),
    });
    const ada = await subscriberOf(app, "ada");

    await getDb().subscriber.delete({ where: { id: ada.id } });

    expect(await getDb().event.count({ where: { subscriberId: ada.id } })).toBe(0);
    expect(await getDb().event.count({ where: { appId: app.id } })).toBe(1);
  });

  it("are not stored for an app deleted before the batch, nor are its subscribers", async () => {
    const app = await createTestApp();
    await deleteApp(app.id, app.name);

    const result = await storeEvents(pooledRunner, app.id, [pageView("ada"), pageView(null)], {
      triggers: [],
    });

    expect(result.accepted).toBe(0);
    expect(await getDb().event.count({ where: { appId: app.id } })).toBe(0);
    expect(await getDb().subscriber.count({ where: { appId: app.id } })).toBe(0);
  });

  it("are not stored for a subscriber id that is gone (an SDK report racing an erasure)", async () => {
    const app = await createTestApp();
    await ingestEvents(app.id, { events: [{ externalId: "ada", name: "signup", properties: {} }] });
    const ada = await subscriberOf(app, "ada");
    await getDb().subscriber.delete({ where: { id: ada.id } });

    const result = await storeEvents(pooledRunner, app.id, [pageView(null, ada.id)], {
      triggers: [],
    });

    expect(result.accepted).toBe(0);
    expect(await orphans(app.id)).toBe(0);
  });

  it("of a batch that waited for a subscriber's deletion go to a new profile, not the deleted one", async () => {
    const app = await createTestApp();
    const externalId = `ada-${randomId(6)}`;
    await ingestEvents(app.id, { events: [{ externalId, name: "signup", properties: {} }] });
    const ada = await subscriberOf(app, externalId);
    const deletion = heldTransaction((tx) => tx.subscriber.delete({ where: { id: ada.id } }));
    await deletion.ready;

    const batch = ingestEvents(app.id, {
      events: [{ externalId, name: "page_viewed", properties: {} }],
    });
    await waitFor("the batch waits for the deletion", () =>
      someoneWaitsOnLock("json_to_recordset"),
    );
    deletion.commit();
    await deletion.done;

    expect(await batch).toEqual({ accepted: 1, duplicates: 0 });
    const reborn = await subscriberOf(app, externalId);
    expect(reborn.id).not.toBe(ada.id);
    expect(await getDb().event.count({ where: { subscriberId: reborn.id } })).toBe(1);
    expect(await orphans(app.id)).toBe(0);
  });

  it("of a batch not yet committed when its subscriber is erased are erased too", async () => {
    const app = await createTestApp();
    const externalId = `ada-${randomId(6)}`;
    await ingestEvents(app.id, { events: [{ externalId, name: "signup", properties: {} }] });
    const ada = await subscriberOf(app, externalId);
    const batch = heldTransaction((tx) =>
      storeEvents(transactionRunner(tx), app.id, [pageView(externalId)], { triggers: [] }),
    );
    await batch.ready;

    let erased = false;
    const erasure = eraseSubscriber(app.id, externalId, {
      kind: "user",
      userId: app.owner.id,
      email: app.owner.email,
    }).finally(() => {
      erased = true;
    });
    // The erasure must wait for the batch's lock; had it not, it is over already.
    await waitFor(
      "the erasure waits for the batch or ends",
      async () => erased || (await someoneWaitsOnLock("DELETE FROM")),
    );
    batch.commit();
    await batch.done;
    await erasure;

    expect(await getDb().event.count({ where: { subscriberId: ada.id } })).toBe(0);
    expect(await getDb().event.count({ where: { appId: app.id } })).toBe(0);
    expect(await orphans(app.id)).toBe(0);
  });
});
