import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { runDueSchedules } from "@/lib/campaigns/run-due-schedules";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { zonedTimeToUtc } from "@/lib/time";
import {
  seedDevices,
  startInProcessWorker,
  useDeliveryStack,
  waitForCampaignStatus,
} from "@/tests/support/delivery";
import { createTestApp, type TestApp } from "@/tests/support/factories";
import type { TestGateway } from "@/tests/support/gateway";

let gateway: TestGateway;
let stopWorker: () => Promise<void>;

beforeAll(async () => {
  gateway = await useDeliveryStack();
  stopWorker = await startInProcessWorker();
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

async function appWithZones(zones: (string | null)[]) {
  const app = await createTestApp();
  const devices = await seedDevices(
    app.id,
    gateway.gateway,
    zones.map(() => "web"),
  );
  const db = getDb();
  for (const [index, device] of devices.entries()) {
    const row = await db.device.findUniqueOrThrow({ where: { id: device.id } });
    await db.subscriber.update({
      where: { id: row.subscriberId },
      data: { timezone: zones[index] },
    });
  }
  return { app, devices };
}

async function scheduledTimes(campaignId: string): Promise<Map<string | null, string | null>> {
  const rows = await getDb().$queryRaw<{ timezone: string | null; scheduled_for: Date | null }[]>`
    SELECT s.timezone, d."scheduledFor" AS scheduled_for FROM deliveries d JOIN subscribers s ON s.id = d."subscriberId"
    WHERE d."campaignId" = ${campaignId}`;
  return new Map(rows.map((row) => [row.timezone, row.scheduled_for?.toISOString() ?? null]));
}

async function waitForMaterialised(campaignId: string): Promise<void> {
  for (let waited = 0; waited < 20_000; waited += 100) {
    const campaign = await getDb().campaign.findUnique({ where: { id: campaignId } });
    if (campaign?.launchCompletedAt) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("launch did not materialise");
}

describe("scheduling in each subscriber's time", () => {
  it("sends a local-time campaign at 09:00 on each subscriber's wall clock, across zones and a DST change", async () => {
    const zones = [
      "America/New_York",
      "Europe/London",
      "Asia/Kolkata",
      "Australia/Sydney",
      "Pacific/Auckland",
      null,
      "Not/AZone",
    ];
    const { app } = await appWithZones(zones);
    await getDb().app.update({ where: { id: app.id }, data: { defaultTimezone: "Europe/Berlin" } });
    const { id } = await createCampaign(
      app.id,
      createCampaignSchema.parse({
        name: "Local morning",
        variants: [{ content: { title: "Good morning" } }],
        schedule: { type: "local_time", date: "2027-03-14", time: "09:00" },
      }),
      actorOf(app),
    );
    await launchCampaign(app.id, id, actorOf(app));
    await waitForMaterialised(id);
    const times = await scheduledTimes(id);
    // 2027-03-14 is the US spring-forward day: New York is already on EDT at 09:00.
    for (const zone of [
      "America/New_York",
      "Europe/London",
      "Asia/Kolkata",
      "Australia/Sydney",
      "Pacific/Auckland",
    ]) {
      expect(times.get(zone)).toBe(zonedTimeToUtc("2027-03-14", "09:00", zone).toISOString());
    }
    expect(times.get("America/New_York")).toBe("2027-03-14T13:00:00.000Z");
    // Unknown or unusable zones fall back to the app's default zone.
    expect(times.get(null)).toBe(
      zonedTimeToUtc("2027-03-14", "09:00", "Europe/Berlin").toISOString(),
    );
    expect(times.get("Not/AZone")).toBe(
      zonedTimeToUtc("2027-03-14", "09:00", "Europe/Berlin").toISOString(),
    );
    // Nothing goes before its time.
    expect(gateway.gateway.stats(id).accepted).toBe(0);
  });

  it("sends at each subscriber's best hour from their history, else the app's, with a holdout at the default", async () => {
    const { app, devices } = await appWithZones(["Europe/Paris", "Europe/Paris", "Europe/Paris"]);
    const db = getDb();
    const [withHistory] = devices;
    const subscriberId = (
      await db.device.findUniqueOrThrow({ where: { id: withHistory?.id ?? 0n } })
    ).subscriberId;
    const history = await db.campaign.create({
      data: { appId: app.id, name: "history", status: "completed" },
    });
    // Opened at 19:xx Paris time three times, at 08:xx once.
    const opens = [
      "2026-10-01T17:10:00Z",
      "2026-10-05T17:40:00Z",
      "2026-10-09T17:05:00Z",
      "2026-10-12T06:20:00Z",
    ];
    for (const openedAt of opens) {
      const device = await db.device.create({
        data: {
          appId: app.id,
          subscriberId,
          platform: "web",
          address: `https://push.example/h/${openedAt}`,
          status: "invalid",
        },
      });
      await db.delivery.create({
        data: {
          appId: app.id,
          campaignId: history.id,
          subscriberId,
          deviceId: device.id,
          platform: "web",
          status: "sent",
          sentAt: new Date(Date.parse(openedAt) - 600_000),
          openedAt: new Date(openedAt),
        },
      });
    }
    const { id } = await createCampaign(
      app.id,
      createCampaignSchema.parse({
        name: "Best hour",
        variants: [{ content: { title: "Picked for you" } }],
        schedule: { type: "best_hour", date: "2027-06-01", defaultHour: 11 },
      }),
      actorOf(app),
    );
    await launchCampaign(app.id, id, actorOf(app));
    await waitForMaterialised(id);
    const rows = await db.delivery.findMany({
      where: { campaignId: id },
      select: { subscriberId: true, scheduledFor: true },
    });
    const personal = rows.find((row) => row.subscriberId === subscriberId);
    expect(personal?.scheduledFor?.toISOString()).toBe(
      zonedTimeToUtc("2027-06-01", "19:00", "Europe/Paris").toISOString(),
    );
    // The others have no history of their own: the app's best hour (19:00, from the same opens).
    const others = rows.filter((row) => row.subscriberId !== subscriberId);
    expect(others).toHaveLength(2);
    for (const row of others) {
      expect(row.scheduledFor?.toISOString()).toBe(
        zonedTimeToUtc("2027-06-01", "19:00", "Europe/Paris").toISOString(),
      );
    }

    const holdout = await createCampaign(
      app.id,
      createCampaignSchema.parse({
        name: "Best hour with holdout",
        variants: [{ content: { title: "Picked" } }],
        schedule: { type: "best_hour", date: "2027-06-02", defaultHour: 11, holdoutPercent: 50 },
      }),
      actorOf(app),
    );
    const many = await appWithZones(Array(40).fill("Europe/Paris"));
    const { id: holdoutId } = await createCampaign(
      many.app.id,
      createCampaignSchema.parse({
        name: "Holdout",
        variants: [{ content: { title: "Picked" } }],
        schedule: { type: "best_hour", date: "2027-06-02", defaultHour: 11, holdoutPercent: 50 },
      }),
      actorOf(many.app),
    );
    expect(holdout.id).toBeTruthy();
    await launchCampaign(many.app.id, holdoutId, actorOf(many.app));
    await waitForMaterialised(holdoutId);
    const split = await db.delivery.groupBy({
      by: ["phase", "scheduledFor"],
      where: { campaignId: holdoutId },
      _count: true,
    });
    const heldOut = split.filter((group) => group.phase === "holdout");
    expect(heldOut.length).toBe(1);
    expect(heldOut[0]?.scheduledFor?.toISOString()).toBe(
      zonedTimeToUtc("2027-06-02", "11:00", "Europe/Paris").toISOString(),
    );
    expect(heldOut[0]?._count).toBeGreaterThan(5);
    expect(heldOut[0]?._count).toBeLessThan(35);
  });

  it("holds marketing pushes until quiet hours end on the recipient's clock, but not transactional ones", async () => {
    const { app } = await appWithZones(["Asia/Tokyo"]);
    const db = getDb();
    const tokyoHour = Number(
      new Intl.DateTimeFormat("en-GB", {
        hour: "2-digit",
        hourCycle: "h23",
        timeZone: "Asia/Tokyo",
      }).format(new Date()),
    );
    // Quiet hours that surely include "now" in Tokyo: from this hour to two hours later.
    await db.app.update({
      where: { id: app.id },
      data: { quietHoursStart: tokyoHour, quietHoursEnd: (tokyoHour + 2) % 24 },
    });
    const marketing = await createCampaign(
      app.id,
      createCampaignSchema.parse({ name: "Quiet", variants: [{ content: { title: "Sale" } }] }),
      actorOf(app),
    );
    await launchCampaign(app.id, marketing.id, actorOf(app));
    await waitForMaterialised(marketing.id);
    const held = await db.delivery.findFirstOrThrow({ where: { campaignId: marketing.id } });
    const expectedEnd = new Intl.DateTimeFormat("en-GB", {
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: "Asia/Tokyo",
    }).format(held.scheduledFor ?? new Date(0));
    expect(expectedEnd).toBe(`${String((tokyoHour + 2) % 24).padStart(2, "0")}:00`);
    expect(held.status).toBe("pending");

    const transactional = await createCampaign(
      app.id,
      createCampaignSchema.parse({
        name: "Receipt",
        category: "transactional",
        variants: [{ content: { title: "Your order" } }],
      }),
      actorOf(app),
    );
    await launchCampaign(app.id, transactional.id, actorOf(app));
    expect(await waitForCampaignStatus(transactional.id, ["completed"])).toBe("completed");
    expect(gateway.gateway.stats(transactional.id).accepted).toBe(1);
  });

  it("starts a campaign scheduled for later when the tick finds it due, and runs recurring campaigns", async () => {
    const { app } = await appWithZones(["UTC", "UTC"]);
    const db = getDb();
    const later = await createCampaign(
      app.id,
      createCampaignSchema.parse({
        name: "Later",
        variants: [{ content: { title: "Later" } }],
        schedule: { type: "at", sendAt: new Date(Date.now() + 3_600_000).toISOString() },
      }),
      actorOf(app),
    );
    expect(await launchCampaign(app.id, later.id, actorOf(app))).toMatchObject({
      status: "scheduled",
    });
    await runDueSchedules(logger);
    expect((await db.campaign.findUniqueOrThrow({ where: { id: later.id } })).status).toBe(
      "scheduled",
    );
    await runDueSchedules(logger, new Date(Date.now() + 3_700_000));
    expect(await waitForCampaignStatus(later.id, ["completed"])).toBe("completed");

    const recurring = await createCampaign(
      app.id,
      createCampaignSchema.parse({
        name: "Daily digest",
        variants: [{ content: { title: "Today" } }],
        schedule: { type: "recurring", frequency: "daily", time: "07:00", timezone: "UTC" },
      }),
      actorOf(app),
    );
    const scheduled = await launchCampaign(app.id, recurring.id, actorOf(app));
    expect(scheduled.status).toBe("scheduled");
    const firstRun = new Date(scheduled.status === "scheduled" ? scheduled.scheduledAt : 0);
    await runDueSchedules(logger, new Date(firstRun.getTime() + 1_000));
    await runDueSchedules(logger, new Date(firstRun.getTime() + 2_000));
    const runs = await db.campaign.findMany({ where: { parentId: recurring.id } });
    expect(runs).toHaveLength(1);
    expect(await waitForCampaignStatus(runs[0]?.id ?? "", ["completed"])).toBe("completed");
    const template = await db.campaign.findUniqueOrThrow({ where: { id: recurring.id } });
    expect(template.status).toBe("scheduled");
    expect(template.nextOccurrenceAt?.getTime()).toBe(firstRun.getTime() + 24 * 3_600_000);
  });
});
