// A small app whose every analytics figure can be computed by hand: the
// integration tests assert the hand-computed values, the browser test checks
// the dashboards show what the API says about it.
import { getDb } from "@/lib/db/client";
import type { CampaignCategory, Platform } from "@/lib/db/generated/enums";
import { optOutDevice } from "@/lib/devices/opt-out-device";
import { ingestEvents } from "@/lib/events/ingest-events";
import { recordPromptEvent } from "@/lib/sdk/record-prompt-event";
import type { SdkPromptInput } from "@/lib/sdk/schemas";
import { createTestApp, randomId, type TestApp } from "@/tests/support/factories";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface AnalyticsFixture {
  app: TestApp;
  /** 10:00 UTC two days ago: the marketing campaign's send time. */
  sentAt: Date;
  campaigns: { marketing: string; transactional: string; triggered: string };
  /** The first and last UTC day the fixture's activity spans, for `from`/`to`. */
  from: string;
  to: string;
}

const utcDate = (instant: Date) => instant.toISOString().slice(0, 10);

async function createCampaign(appId: string, name: string, category: CampaignCategory) {
  const campaign = await getDb().campaign.create({
    data: {
      appId,
      name,
      category,
      status: "completed",
      launchedAt: new Date(),
      variants: { create: [{ key: "A", name: "A", content: { title: name } }] },
    },
    include: { variants: true },
  });
  return { id: campaign.id, variantId: campaign.variants[0]?.id ?? null };
}

async function createDevices(appId: string, prefix: string, platform: Platform, count: number) {
  const db = getDb();
  const subscribers = await db.subscriber.createManyAndReturn({
    data: Array.from({ length: count }, (_, index) => ({
      appId,
      externalId: `${prefix}-${index + 1}`,
    })),
    select: { id: true, externalId: true },
  });
  const devices = await db.device.createManyAndReturn({
    data: subscribers.map((subscriber) => ({
      appId,
      subscriberId: subscriber.id,
      platform,
      address: `${platform}-${randomId(16)}`,
      // Opted in well before any period the tests look at.
      optedInAt: new Date(Date.now() - 40 * DAY),
    })),
    select: { id: true, subscriberId: true },
  });
  return devices.map((device, index) => ({
    deviceId: device.id,
    subscriberId: device.subscriberId,
    externalId: subscribers[index]?.externalId ?? "",
  }));
}

/**
 * App (UTC) with 10 iOS and 4 web devices opted in 40 days ago, then:
 * - marketing campaign, iOS, two days ago at 10:00: 8 sent, 1 failed
 *   (token_dead), 1 skipped (frequency_cap); delivered 7, opened 3 (after
 *   30 s, 4 min, 10 min), dismissed 2, one purchase of 30 EUR an hour later;
 * - transactional campaign, web, the next day at 09:00: 4 sent, no receipts;
 * - triggered campaign: nothing sent;
 * - prompts today (anonymous visitors): native 10 shown, 3 granted, 7 denied;
 *   soft 5 shown, 4 granted;
 * - today: 2 iOS devices opt out, 1 web device is invalidated, 1 new web
 *   device opts in.
 */
export async function seedAnalyticsFixture(): Promise<AnalyticsFixture> {
  const db = getDb();
  const app = await createTestApp();
  const ios = await createDevices(app.id, "ios", "ios", 10);
  const web = await createDevices(app.id, "web", "web", 4);
  const today = new Date(`${utcDate(new Date())}T00:00:00Z`);
  const sentAt = new Date(today.getTime() - 2 * DAY + 10 * HOUR);
  const marketing = await createCampaign(app.id, "Spring sale", "marketing");
  const transactional = await createCampaign(app.id, "Order shipped", "transactional");
  const triggered = await createCampaign(app.id, "Abandoned cart", "triggered");
  const campaigns = {
    marketing: marketing.id,
    transactional: transactional.id,
    triggered: triggered.id,
  };

  const marketingRows = ios.map((device, index) => ({
    appId: app.id,
    campaignId: campaigns.marketing,
    variantId: marketing.variantId,
    subscriberId: device.subscriberId,
    deviceId: device.deviceId,
    platform: "ios" as const,
    createdAt: sentAt,
    ...(index < 8
      ? { status: "sent" as const, sentAt }
      : index === 8
        ? { status: "failed" as const, reason: "token_dead" }
        : { status: "skipped" as const, reason: "frequency_cap" }),
  }));
  const transactionalAt = new Date(sentAt.getTime() + DAY - HOUR);
  const transactionalRows = web.map((device) => ({
    appId: app.id,
    campaignId: campaigns.transactional,
    variantId: transactional.variantId,
    subscriberId: device.subscriberId,
    deviceId: device.deviceId,
    platform: "web" as const,
    createdAt: transactionalAt,
    status: "sent" as const,
    sentAt: transactionalAt,
  }));
  await db.delivery.createMany({ data: [...marketingRows, ...transactionalRows] });
  const deliveries = await db.delivery.findMany({
    where: { campaignId: campaigns.marketing },
    orderBy: { deviceId: "asc" },
    select: { id: true, subscriberId: true },
  });
  const externalIdOf = new Map(ios.map((device) => [device.subscriberId, device.externalId]));
  const receipt = (index: number, name: string, afterMs: number) => {
    const delivery = deliveries[index];
    if (!delivery?.subscriberId) throw new Error("fixture delivery missing");
    return {
      externalId: externalIdOf.get(delivery.subscriberId) ?? "",
      name,
      deliveryId: delivery.id.toString(),
      occurredAt: new Date(sentAt.getTime() + afterMs).toISOString(),
      properties: {},
    };
  };
  await ingestEvents(app.id, {
    events: [
      ...[0, 1, 2, 3, 4, 5, 6].map((index) => receipt(index, "delivered", 10_000)),
      receipt(0, "opened", 30_000),
      receipt(1, "opened", 4 * MINUTE),
      receipt(2, "opened", 10 * MINUTE),
      receipt(3, "dismissed", 20 * MINUTE),
      receipt(4, "dismissed", 20 * MINUTE),
    ],
  });
  await ingestEvents(app.id, {
    events: [
      {
        externalId: ios[0]?.externalId ?? "",
        name: "purchase",
        properties: { product: "sneakers" },
        revenue: 30,
        currency: "EUR",
        occurredAt: new Date(sentAt.getTime() + HOUR).toISOString(),
      },
    ],
  });

  // As the web SDK records them: anonymous visitors, no subscriber.
  const sdkApp = await db.app.findUniqueOrThrow({ where: { id: app.id } });
  const prompts: [number, SdkPromptInput][] = [
    [10, { outcome: "prompted", prompt: "native" }],
    [3, { outcome: "granted", prompt: "native" }],
    [7, { outcome: "denied", prompt: "native" }],
    [5, { outcome: "prompted", prompt: "soft" }],
    [4, { outcome: "granted", prompt: "soft" }],
  ];
  for (const [times, input] of prompts) {
    for (let time = 0; time < times; time += 1) await recordPromptEvent(sdkApp, null, input);
  }

  for (const device of ios.slice(0, 2)) await optOutDevice(app.id, device.deviceId.toString());
  await db.device.update({
    where: { id: web[0]?.deviceId ?? 0n },
    data: { status: "invalid", invalidatedAt: new Date(), invalidReason: "410 Gone" },
  });
  const newcomer = await db.subscriber.create({ data: { appId: app.id, externalId: "newcomer" } });
  await db.device.create({
    data: {
      appId: app.id,
      subscriberId: newcomer.id,
      platform: "web",
      address: `web-${randomId(16)}`,
      optedInAt: new Date(),
    },
  });

  return {
    app,
    sentAt,
    campaigns,
    from: utcDate(new Date(sentAt.getTime() - DAY)),
    to: utcDate(new Date()),
  };
}
