import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getAudienceStats } from "@/lib/analytics/get-audience-stats";
import { deleteApp } from "@/lib/apps/delete-app";
import { getDb } from "@/lib/db/client";
import { optOutDevice } from "@/lib/devices/opt-out-device";
import { registerDevice } from "@/lib/devices/register-device";
import { recordPromptEvent } from "@/lib/sdk/record-prompt-event";
import { eraseSubscriber } from "@/lib/subscribers/erase-subscriber";
import { createTestApp } from "@/tests/support/factories";

const apnsToken = () => randomBytes(32).toString("hex");
const fcmToken = () =>
  `${randomBytes(8).toString("base64url")}:APA91b${randomBytes(96).toString("base64url")}`;

// The audience rollups (device_rollups, subscriber_rollups, prompt_rollups)
// are kept by triggers, like the delivery rollups: after registrations,
// opt-outs, re-registrations, dead tokens, erasure and prompts through the
// real lib paths, their sums must equal what the rows say.
describe("audience rollups", () => {
  it("stay equal to the device, subscriber and event rows", async () => {
    const app = await createTestApp();
    const db = getDb();
    const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
    const iosTokens = Array.from({ length: 6 }, apnsToken);
    const ios = [];
    for (const [index, token] of iosTokens.entries()) {
      ios.push(
        await registerDevice(app.id, { platform: "ios", token, externalId: `person-${index}` }),
      );
    }
    const android = [];
    for (let index = 0; index < 4; index += 1) {
      android.push(await registerDevice(app.id, { platform: "android", token: fcmToken() }));
    }
    // Two opt out, one of them comes back by registering the same token again.
    await optOutDevice(app.id, ios[0]?.id ?? "");
    await optOutDevice(app.id, ios[1]?.id ?? "");
    await registerDevice(app.id, {
      platform: "ios",
      token: iosTokens[1] ?? "",
      externalId: "person-1",
    });
    // The push service says one Android token is dead (as the worker records it).
    await db.device.updateMany({
      where: { id: BigInt(android[0]?.id ?? "0") },
      data: { status: "invalid", invalidatedAt: new Date(), invalidReason: "UNREGISTERED" },
    });
    // One person is erased: their profile and device go.
    await eraseSubscriber(app.id, "person-5", actor);
    const sdkApp = await db.app.findUniqueOrThrow({ where: { id: app.id } });
    for (const outcome of ["prompted", "prompted", "granted", "denied"] as const) {
      await recordPromptEvent(sdkApp, null, { outcome, prompt: "native" });
    }
    await recordPromptEvent(sdkApp, null, { outcome: "prompted", prompt: "soft" });

    const rawDevices = await db.device.groupBy({
      by: ["platform", "status"],
      where: { appId: app.id },
      _count: true,
    });
    const rolled = await db.deviceRollup.groupBy({
      by: ["platform"],
      where: { appId: app.id },
      _sum: {
        activeChange: true,
        unsubscribedChange: true,
        invalidChange: true,
        optedIn: true,
        optedOut: true,
        invalidated: true,
      },
    });
    const fromRows = new Map<string, number>();
    for (const group of rawDevices) fromRows.set(`${group.platform}:${group.status}`, group._count);
    const fromRollups = new Map<string, number>();
    for (const group of rolled) {
      for (const [status, value] of [
        ["active", group._sum.activeChange],
        ["unsubscribed", group._sum.unsubscribedChange],
        ["invalid", group._sum.invalidChange],
      ] as const) {
        if (value) fromRollups.set(`${group.platform}:${status}`, value);
      }
    }
    expect(fromRollups).toEqual(fromRows);
    const ios_ = rolled.find((group) => group.platform === "ios")?._sum;
    // 6 registrations + 1 re-registration; 2 opt-outs.
    expect(ios_).toMatchObject({ optedIn: 7, optedOut: 2, invalidated: 0 });
    expect(rolled.find((group) => group.platform === "android")?._sum).toMatchObject({
      optedIn: 4,
      invalidated: 1,
    });

    const subscribers = await db.subscriber.count({ where: { appId: app.id } });
    const subscriberRollup = await db.subscriberRollup.aggregate({
      where: { appId: app.id },
      _sum: { created: true, deleted: true },
    });
    expect((subscriberRollup._sum.created ?? 0) - (subscriberRollup._sum.deleted ?? 0)).toBe(
      subscribers,
    );
    expect(subscriberRollup._sum.deleted).toBe(1);

    const prompts = await db.promptRollup.groupBy({
      by: ["prompt"],
      where: { appId: app.id },
      _sum: { prompted: true, granted: true, denied: true },
    });
    expect(Object.fromEntries(prompts.map((group) => [group.prompt, group._sum]))).toEqual({
      native: { prompted: 2, granted: 1, denied: 1 },
      soft: { prompted: 1, granted: 0, denied: 0 },
    });

    const stats = await getAudienceStats(app.id, { days: 1 });
    expect(stats.current).toEqual({
      subscribers,
      activeDevices: 7, // iOS 6 − person-0 opted out − person-5 erased (person-1 came back) = 4; Android 4 − 1 dead = 3
      unsubscribedDevices: 1,
      invalidDevices: 1,
    });
    expect(stats.series.at(-1)).toMatchObject({ subscribers, activeDevices: 7 });
  });

  it("write nothing for an app being deleted", async () => {
    const app = await createTestApp();
    await registerDevice(app.id, { platform: "android", token: fcmToken(), externalId: "someone" });
    await deleteApp(app.id, app.name);
    expect(await getDb().deviceRollup.count({ where: { appId: app.id } })).toBe(0);
    expect(await getDb().subscriberRollup.count({ where: { appId: app.id } })).toBe(0);
  });
});
