import { beforeAll, describe, expect, it } from "vitest";
import { GET as triggerActivityRoute } from "@/app/api/v1/campaigns/[campaignId]/trigger-activity/route";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
import type { TriggerFireStatus } from "@/lib/db/generated/enums";
import type { TriggerActivityDto } from "@/lib/triggers/schemas";
import {
  addMember,
  createTestApiKey,
  createTestApp,
  randomId,
  type TestApp,
  type TestUser,
} from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";
import { expectProblem } from "../api/support";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

let app: TestApp;
let otherApp: TestApp;
let analyst: TestUser;

beforeAll(async () => {
  [app, otherApp] = await Promise.all([createTestApp(), createTestApp()]);
  analyst = await addMember(app.id, "analyst");
});

const actorOf = (target: TestApp) => ({
  kind: "user" as const,
  userId: target.owner.id,
  email: target.owner.email,
});

async function abandonedCart(target: TestApp): Promise<string> {
  const { id } = await createCampaign(
    target.id,
    createCampaignSchema.parse({
      name: `Abandoned cart ${randomId(4)}`,
      category: "triggered",
      trigger: {
        type: "event",
        event: "cart_abandoned",
        delayMinutes: 60,
        exitEvents: ["purchase", "order_completed"],
        oncePerHours: 24,
      },
      variants: [{ content: { title: "You left something behind" } }],
    }),
    actorOf(target),
  );
  await launchCampaign(target.id, id, actorOf(target));
  return id;
}

/** A firing as the engine writes it, for a fresh subscriber; `exitedBy` also records the exit event. */
async function fire(
  target: TestApp,
  campaignId: string,
  firing: { status: TriggerFireStatus; firedAt: Date; dueAt?: Date; exitedBy?: string },
): Promise<bigint> {
  const db = getDb();
  const subscriber = await db.subscriber.create({
    data: { appId: target.id, externalId: `user-${randomId(10)}` },
  });
  const { id } = await db.triggerFire.create({
    data: {
      appId: target.id,
      campaignId,
      subscriberId: subscriber.id,
      firedAt: firing.firedAt,
      dueAt: firing.dueAt ?? new Date(firing.firedAt.getTime() + HOUR),
      status: firing.status,
    },
  });
  if (firing.exitedBy) {
    await db.event.create({
      data: {
        appId: target.id,
        subscriberId: subscriber.id,
        name: firing.exitedBy,
        occurredAt: new Date(firing.firedAt.getTime() + 10 * 60_000),
      },
    });
  }
  return id;
}

const activityOf = async (
  campaignId: string,
  as: { user: TestUser } | { apiKey: string },
  query = "",
  target: TestApp = app,
) =>
  callRoute(triggerActivityRoute, {
    path: `/api/v1/campaigns/${campaignId}/trigger-activity?appId=${target.id}${query}`,
    params: { campaignId },
    as,
  });

describe("GET /api/v1/campaigns/{id}/trigger-activity", () => {
  it("counts firings by status and day over the period, explains exits and tells what is due", async () => {
    const id = await abandonedCart(app);
    const now = Date.now();
    const today = new Date(now - 1000);
    await fire(app, id, { status: "sent", firedAt: new Date(now - 2 * HOUR) });
    await fire(app, id, { status: "sent", firedAt: new Date(now - 2 * DAY) });
    await fire(app, id, { status: "exited", firedAt: today, exitedBy: "purchase" });
    await fire(app, id, {
      status: "exited",
      firedAt: new Date(now - 3 * DAY),
      exitedBy: "purchase",
    });
    await fire(app, id, {
      status: "exited",
      firedAt: new Date(now - 4 * DAY),
      exitedBy: "order_completed",
    });
    // An exit whose event has since been erased: the reason is unknown.
    await fire(app, id, { status: "exited", firedAt: new Date(now - 4 * DAY) });
    await fire(app, id, { status: "skipped", firedAt: new Date(now - 5 * DAY) });
    // Waiting: one overdue (the tick has not run yet), one due within a day, one later.
    // Other test files' workers run the tick on this database and would send
    // the overdue one mid-test: it is made overdue only once its row is locked below.
    const overdue = await fire(app, id, {
      status: "pending",
      firedAt: today,
      dueAt: new Date(now + 10 * DAY),
    });
    await fire(app, id, { status: "pending", firedAt: today, dueAt: new Date(now + 2 * HOUR) });
    await fire(app, id, { status: "pending", firedAt: today, dueAt: new Date(now + 3 * DAY) });
    // Outside the last 7 days, inside the last 30.
    await fire(app, id, { status: "sent", firedAt: new Date(now - 12 * DAY) });
    // Another campaign's firing of the same app never counts here.
    await fire(app, await abandonedCart(app), { status: "sent", firedAt: today });

    const db = getDb();
    await db.$executeRaw`UPDATE trigger_fires SET "dueAt" = ${new Date(now - 60_000)} WHERE id = ${overdue}`;
    await db.$transaction(
      async (tx) => {
        const [locked] = await tx.$queryRaw<{ status: string }[]>`
          SELECT status FROM trigger_fires WHERE id = ${overdue} FOR UPDATE`;
        expect(locked?.status).toBe("pending");
        const response = await activityOf(id, { user: app.owner });
        expect(response.status).toBe(200);
        const activity = await json<TriggerActivityDto>(response);
        expect(activity).toMatchObject({
          campaignId: id,
          status: "sending",
          trigger: { type: "event", event: "cart_abandoned", delayMinutes: 60 },
          period: { days: 7, timezone: "UTC", to: new Date(now).toISOString().slice(0, 10) },
          firings: { pending: 3, sent: 2, exited: 4, skipped: 1, total: 10 },
          upcoming: { pending: 3, dueNow: 1, next24Hours: 1 },
        });
        expect(activity.exits).toEqual([
          { event: "purchase", count: 2 },
          { event: "order_completed", count: 1 },
          { event: null, count: 1 },
        ]);
        expect(activity.upcoming.nextDueAt).toBe(new Date(now - 60_000).toISOString());
        // One entry per day, oldest first, adding up to the totals.
        expect(activity.daily).toHaveLength(7);
        expect(activity.daily.at(-1)?.date).toBe(activity.period.to);
        expect(activity.daily[0]?.date).toBe(activity.period.from);
        const sum = (status: TriggerFireStatus) =>
          activity.daily.reduce((total, day) => total + day[status], 0);
        expect(
          ["pending", "sent", "exited", "skipped"].map((s) => sum(s as TriggerFireStatus)),
        ).toEqual([3, 2, 4, 1]);
        const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);
        expect(activity.daily.find((day) => day.date === dayOf(now - 5 * DAY))?.skipped).toBe(1);

        const month = await json<TriggerActivityDto>(
          await activityOf(id, { user: app.owner }, "&days=30"),
        );
        expect(month.daily).toHaveLength(30);
        expect(month.firings).toMatchObject({ sent: 3, total: 11 });
      },
      { timeout: 60_000 },
    );
    await expectProblem(await activityOf(id, { user: app.owner }, "&days=0"), 400, "query.days");
  });

  it("is readable by an analyst and a read key; another app's campaign is not found", async () => {
    const id = await abandonedCart(app);
    expect((await activityOf(id, { user: analyst })).status).toBe(200);
    const readKey = await createTestApiKey(app, ["read"]);
    expect((await activityOf(id, { apiKey: readKey })).status).toBe(200);
    const ingestKey = await createTestApiKey(app, ["ingest"]);
    await expectProblem(await activityOf(id, { apiKey: ingestKey }), 403);

    // The other app's owner, naming their own app or ours, and their key: 404 every time.
    await expectProblem(await activityOf(id, { user: otherApp.owner }, "", otherApp), 404);
    await expectProblem(await activityOf(id, { user: otherApp.owner }), 404);
    const otherKey = await createTestApiKey(otherApp, ["read"]);
    await expectProblem(await activityOf(id, { apiKey: otherKey }, "", otherApp), 404);
    await expectProblem(await activityOf("no-such-campaign", { user: app.owner }), 404);
  });

  it("answers no trigger and zeros for a campaign that is not triggered", async () => {
    const { id } = await createCampaign(
      app.id,
      createCampaignSchema.parse({ name: "Plain", variants: [{ content: { title: "Hi" } }] }),
      actorOf(app),
    );
    const activity = await json<TriggerActivityDto>(await activityOf(id, { user: analyst }));
    expect(activity).toMatchObject({
      trigger: null,
      status: "draft",
      firings: { pending: 0, sent: 0, exited: 0, skipped: 0, total: 0 },
      exits: [],
      upcoming: { pending: 0, dueNow: 0, next24Hours: 0, nextDueAt: null },
    });
  });
});
