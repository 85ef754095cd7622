// A month of history for the demo app, so a newcomer's first look at the
// dashboards is not a row of zeros: campaigns with their deliveries,
// receipts, conversions, skips and failures, opt-outs, dead tokens and
// permission prompts. It is a seed, so it writes rows directly — but through
// the same tables the live pipeline writes, so the rollup triggers count it
// exactly as they count real traffic (each measure in the hour it happened).
// The live simulator (lib/demo/simulator) then carries on through the API.
import { getDb } from "@/lib/db/client";
import type { CampaignCategory, DeliveryStatus, Platform } from "@/lib/db/generated/enums";
import { zonedTimeToUtc } from "@/lib/time";
import { pick, seededRandom, weighted } from "./random";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** DESIGN.md's open-rate ranges, middle of each: what the demo's pushes achieve. */
export const demoOpenRates: Record<CampaignCategory, number> = {
  transactional: 0.82,
  triggered: 0.14,
  marketing: 0.055,
};

/** Of opened pushes, how many lead to a purchase inside the attribution window. */
export const demoConversionRates: Record<CampaignCategory, number> = {
  transactional: 0.03,
  triggered: 0.26,
  marketing: 0.1,
};

export const demoDeliveryRates: Record<Platform, number> = { web: 0.97, ios: 0.96, android: 0.95 };

/** A log-normal delay around `medianMs`: most people open within minutes, a few hours later. */
export function logNormalDelay(random: () => number, medianMs: number, sigma: number): number {
  const u = Math.max(random(), 1e-9);
  const v = random();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.round(medianMs * Math.exp(sigma * normal));
}

interface DemoDevice {
  id: bigint;
  subscriberId: bigint;
  platform: Platform;
  createdAt: Date;
  state: "active" | "unsubscribed" | "invalid";
}

interface PlannedDelivery {
  campaignIndex: number;
  variantKey: string | null;
  phase: string;
  device: DemoDevice;
  status: DeliveryStatus;
  reason: string | null;
  at: Date;
  deliveredAt: Date | null;
  openedAt: Date | null;
  dismissedAt: Date | null;
  convertedAt: Date | null;
  revenue: number | null;
}

interface PlannedCampaign {
  name: string;
  category: CampaignCategory;
  source: "dashboard" | "api";
  launchedAt: Date;
  topicId: string | null;
  isTest: boolean;
  titles: string[];
  /** An A/B test's variant with the better open rate in its test phase, which the rest got. */
  winnerKey?: "A" | "B";
}

const marketingTitles = [
  ["Weekend sale: 20 % off everything", "Only this weekend: 20 % off"],
  ["New arrivals are in", "Fresh drops you'll love"],
  ["Your wishlist item is back", "Back in stock: grab it now"],
  ["Free shipping until midnight", "Tonight only: free shipping"],
  ["Members get early access", "Early access starts now"],
];

/**
 * Writes `days` days of history ending an hour ago, once: an app that
 * already has campaigns older than a day is left alone. Returns what it wrote.
 */
export async function backfillDemoHistory(
  appId: string,
  options: { days?: number; now?: Date; seed?: number } = {},
): Promise<{ campaigns: number; deliveries: number } | null> {
  const db = getDb();
  const now = options.now ?? new Date();
  const days = options.days ?? 30;
  const start = new Date(now.getTime() - days * DAY);
  if (
    await db.campaign.findFirst({
      where: { appId, createdAt: { lt: new Date(now.getTime() - DAY) } },
    })
  ) {
    return null;
  }
  const random = seededRandom(options.seed ?? 30_11_2026);
  const app = await db.app.findUniqueOrThrow({
    where: { id: appId },
    select: { defaultTimezone: true },
  });
  const deals = await db.topic.findFirst({ where: { appId, key: "deals" }, select: { id: true } });
  const devices: DemoDevice[] = (
    await db.device.findMany({
      where: { appId, status: "active" },
      select: { id: true, subscriberId: true, platform: true, createdAt: true },
      orderBy: { id: "asc" },
    })
  ).map((device) => ({ ...device, state: "active" }));
  if (!devices.length) return null;

  const campaigns: PlannedCampaign[] = [];
  const deliveries: PlannedDelivery[] = [];
  const deviceChanges = new Map<bigint, { state: "unsubscribed" | "invalid"; at: Date }>();
  const reachable = (at: Date) =>
    devices.filter((device) => device.state === "active" && device.createdAt <= at);

  function outcomeFor(
    campaignIndex: number,
    category: CampaignCategory,
    device: DemoDevice,
    at: Date,
    variantKey: string | null,
    phase: string,
    lift = 0,
  ): void {
    const skipDraw = random();
    const skip =
      category !== "marketing"
        ? null
        : skipDraw < 0.04
          ? "frequency_cap"
          : skipDraw < 0.065
            ? "preference"
            : skipDraw < 0.075
              ? "quiet_hours"
              : null;
    const base = {
      campaignIndex,
      variantKey,
      phase,
      device,
      at,
      deliveredAt: null,
      openedAt: null,
      dismissedAt: null,
      convertedAt: null,
      revenue: null,
    };
    if (skip) {
      deliveries.push({ ...base, status: "skipped", reason: skip });
      return;
    }
    if (random() < 0.012) {
      // The push service said the token is dead: the device is invalid from then on.
      deliveries.push({ ...base, status: "failed", reason: "token_dead" });
      device.state = "invalid";
      deviceChanges.set(device.id, { state: "invalid", at });
      return;
    }
    const sentAt = new Date(at.getTime() + Math.floor(random() * 3 * MINUTE));
    const planned: PlannedDelivery = { ...base, status: "sent", reason: null, at: sentAt };
    const horizon = now.getTime() - MINUTE;
    if (random() < demoDeliveryRates[device.platform]) {
      planned.deliveredAt = new Date(sentAt.getTime() + 1_000 + Math.floor(random() * 8_000));
      if (random() < demoOpenRates[category] + lift) {
        const openAt = sentAt.getTime() + logNormalDelay(random, 9 * MINUTE, 1.25);
        if (openAt < horizon) {
          planned.openedAt = new Date(Math.max(openAt, planned.deliveredAt.getTime()));
          if (random() < demoConversionRates[category]) {
            const convertAt =
              planned.openedAt.getTime() + 2 * MINUTE + Math.floor(random() * 90 * MINUTE);
            if (convertAt < horizon) {
              planned.convertedAt = new Date(convertAt);
              planned.revenue = Math.round((15 + random() * 165) * 100) / 100;
            }
          }
        }
      } else if (random() < 0.3) {
        const dismissAt = sentAt.getTime() + logNormalDelay(random, 25 * MINUTE, 1);
        if (dismissAt < horizon) planned.dismissedAt = new Date(dismissAt);
      }
    }
    deliveries.push(planned);
  }

  const triggeredIndex =
    campaigns.push({
      name: "Abandoned cart reminder",
      category: "triggered",
      source: "dashboard",
      launchedAt: start,
      topicId: null,
      isTest: false,
      titles: ["You left something in your cart"],
    }) - 1;

  for (let day = days; day >= 1; day -= 1) {
    const date = new Date(now.getTime() - day * DAY).toISOString().slice(0, 10);
    // A marketing push most mornings (10:00 in the app's zone), a quieter Sunday.
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 || random() < 0.4) {
      const at = zonedTimeToUtc(
        date,
        `${10 + Math.floor(random() * 3)}:${pick(random, ["00", "15", "30"])}`,
        app.defaultTimezone,
      );
      if (at.getTime() < now.getTime() - HOUR) {
        const titles = pick(random, marketingTitles);
        const isTest = campaigns.length % 4 === 1;
        const index =
          campaigns.push({
            name: `${titles[0]} (${date.slice(5)})`,
            category: "marketing",
            source: "dashboard",
            launchedAt: at,
            topicId: deals?.id ?? null,
            isTest,
            titles: isTest ? titles : [titles[0] ?? "Sale"],
          }) - 1;
        const audience = reachable(at).filter(() => random() < 0.42);
        if (!isTest) {
          for (const device of audience) outcomeFor(index, "marketing", device, at, "A", "main");
        } else {
          // 20 % test split between A and B (B's copy opens a little better); the variant that
          // did better in the test goes to the rest an hour later, as the real decision would.
          const lift = (variant: "A" | "B") => (variant === "B" ? 0.02 : 0);
          const testedFrom = deliveries.length;
          for (const [position, device] of audience.entries()) {
            if (position % 5 !== 0) continue;
            const variant = position % 10 === 0 ? "A" : "B";
            outcomeFor(index, "marketing", device, at, variant, "test", lift(variant));
          }
          const openRate = (variant: "A" | "B") => {
            const tested = deliveries
              .slice(testedFrom)
              .filter((entry) => entry.variantKey === variant && entry.status !== "skipped");
            return tested.filter((entry) => entry.openedAt).length / Math.max(1, tested.length);
          };
          const winner = openRate("A") > openRate("B") ? "A" : "B";
          const campaign = campaigns[index];
          if (campaign) campaign.winnerKey = winner;
          for (const [position, device] of audience.entries()) {
            if (position % 5 === 0) continue;
            const later = new Date(at.getTime() + HOUR);
            outcomeFor(index, "marketing", device, later, winner, "remainder", lift(winner));
          }
        }
      }
    }
    // Transactional pushes through the API through the day.
    for (const [name, share] of [
      ["Your order has shipped", 0.012],
      ["Back in stock", 0.006],
    ] as const) {
      const at = new Date(now.getTime() - day * DAY + Math.floor((8 + random() * 12) * HOUR));
      if (at.getTime() >= now.getTime() - HOUR) continue;
      const index =
        campaigns.push({
          name: `${name} (${date.slice(5)})`,
          category: "transactional",
          source: "api",
          launchedAt: at,
          topicId: null,
          isTest: false,
          titles: [name],
        }) - 1;
      for (const device of reachable(at).filter(() => random() < share)) {
        // Each order's push goes out when that order ships, over the following hours (never in the future).
        const sendAt = at.getTime() + Math.floor(random() * 10 * HOUR);
        if (sendAt < now.getTime() - HOUR) {
          outcomeFor(index, "transactional", device, new Date(sendAt), "A", "main");
        }
      }
    }
    // Abandoned carts fire all day long, each its own trigger phase.
    const firings = 8 + Math.floor(random() * 12);
    for (let firing = 0; firing < firings; firing += 1) {
      const at = new Date(now.getTime() - day * DAY + Math.floor(random() * DAY));
      if (at.getTime() >= now.getTime() - HOUR) continue;
      const candidates = reachable(at);
      if (!candidates.length) continue;
      outcomeFor(
        triggeredIndex,
        "triggered",
        pick(random, candidates),
        at,
        "A",
        `trigger-${day}-${firing}`,
      );
    }
    // A device or two turns pushes off each day: well under 1 % a month.
    if (random() < 0.7) {
      const leaving = pick(random, reachable(new Date(now.getTime() - day * DAY)));
      if (leaving) {
        const at = new Date(now.getTime() - day * DAY + Math.floor(random() * DAY));
        leaving.state = "unsubscribed";
        deviceChanges.set(leaving.id, { state: "unsubscribed", at });
      }
    }
  }

  // Campaigns with their variants.
  const created: { id: string; variants: Map<string, string> }[] = [];
  for (const campaign of campaigns) {
    const keys = campaign.isTest ? ["A", "B"] : ["A"];
    const row = await db.campaign.create({
      data: {
        appId,
        name: campaign.name,
        category: campaign.category,
        source: campaign.source,
        status: campaign.category === "triggered" ? "sending" : "completed",
        topicId: campaign.topicId,
        audience: { type: "all" },
        schedule: { type: "now" },
        trigger:
          campaign.category === "triggered"
            ? {
                type: "event",
                event: "added_to_cart",
                delayMinutes: 5,
                exitEvents: ["purchase"],
                oncePerHours: 24,
              }
            : undefined,
        experiment: campaign.isTest
          ? {
              mode: "winner",
              testPercent: 20,
              winnerMetric: "open_rate",
              windowMinutes: 60,
              selection: "auto",
            }
          : undefined,
        launchedAt: campaign.launchedAt,
        // A live journey never finishes listing recipients, or it would be completed.
        launchCompletedAt: campaign.category === "triggered" ? null : campaign.launchedAt,
        completedAt:
          campaign.category === "triggered"
            ? null
            : new Date(campaign.launchedAt.getTime() + (campaign.isTest ? 2 : 1) * HOUR),
        createdAt: new Date(campaign.launchedAt.getTime() - 30 * MINUTE),
        variants: {
          create: keys.map((key, index) => ({
            key,
            name: key === "A" ? "Original" : "Challenger",
            isWinner: campaign.isTest && key === campaign.winnerKey,
            content: {
              title: campaign.titles[index] ?? campaign.titles[0] ?? "Hello",
              body: "Tap to see more",
              url: "/",
            },
          })),
        },
      },
      include: { variants: true },
    });
    created.push({
      id: row.id,
      variants: new Map(row.variants.map((variant) => [variant.key, variant.id])),
    });
  }

  // Deliveries, written as the send pipeline leaves them, then receipts as
  // updates: the rollup triggers count receipts on update, in their own hour.
  const chunk = 5_000;
  for (let offset = 0; offset < deliveries.length; offset += chunk) {
    const slice = deliveries.slice(offset, offset + chunk);
    const columns = slice.map((delivery) => {
      const campaign = created[delivery.campaignIndex];
      return {
        campaignId: campaign?.id ?? "",
        variantId: delivery.variantKey
          ? (campaign?.variants.get(delivery.variantKey) ?? null)
          : null,
        at: delivery.at.toISOString(),
      };
    });
    // unnest() rather than Prisma's createMany: a few thousand rows in one statement take a
    // fraction of a second instead of seconds. Ids come back keyed by the unique
    // (campaign, device, phase), since RETURNING promises no order.
    const rows = await db.$queryRaw<
      { id: bigint; campaignId: string; deviceId: bigint; phase: string }[]
    >`
      INSERT INTO deliveries ("appId", "campaignId", "variantId", "subscriberId", "deviceId", platform, phase,
                              status, reason, attempts, "scheduledFor", "queuedAt", "sentAt", "createdAt", "updatedAt")
      SELECT ${appId}, v.campaign_id, v.variant_id, v.subscriber_id, v.device_id, v.platform::"Platform", v.phase,
             v.status::"DeliveryStatus", v.reason, CASE WHEN v.status = 'skipped' THEN 0 ELSE 1 END, v.at,
             CASE WHEN v.status = 'skipped' THEN NULL ELSE v.at END,
             CASE WHEN v.status = 'sent' THEN v.at END, v.at, v.at
      FROM unnest(
        ${columns.map((column) => column.campaignId)}::text[],
        ${columns.map((column) => column.variantId)}::text[],
        ${slice.map((delivery) => delivery.device.subscriberId.toString())}::bigint[],
        ${slice.map((delivery) => delivery.device.id.toString())}::bigint[],
        ${slice.map((delivery) => delivery.device.platform)}::text[],
        ${slice.map((delivery) => delivery.phase)}::text[],
        ${slice.map((delivery) => delivery.status)}::text[],
        ${slice.map((delivery) => delivery.reason)}::text[],
        ${columns.map((column) => column.at)}::timestamptz[]
      ) AS v(campaign_id, variant_id, subscriber_id, device_id, platform, phase, status, reason, at)
      RETURNING id, "campaignId", "deviceId", phase`;
    const idOf = new Map(
      rows.map((row) => [`${row.campaignId}/${row.deviceId}/${row.phase}`, row.id]),
    );
    const withReceipts = slice.flatMap((delivery, index) => {
      const id = idOf.get(`${columns[index]?.campaignId}/${delivery.device.id}/${delivery.phase}`);
      return id !== undefined && delivery.deliveredAt ? [{ id, delivery }] : [];
    });
    if (!withReceipts.length) continue;
    const iso = (date: Date | null) => date?.toISOString() ?? null;
    await db.$executeRaw`
      UPDATE deliveries d SET "deliveredAt" = v.delivered_at, "openedAt" = v.opened_at,
             "dismissedAt" = v.dismissed_at, "convertedAt" = v.converted_at, revenue = v.revenue,
             "updatedAt" = COALESCE(v.converted_at, v.opened_at, v.dismissed_at, v.delivered_at)
      FROM unnest(
        ${withReceipts.map((entry) => entry.id.toString())}::bigint[],
        ${withReceipts.map((entry) => iso(entry.delivery.deliveredAt))}::timestamptz[],
        ${withReceipts.map((entry) => iso(entry.delivery.openedAt))}::timestamptz[],
        ${withReceipts.map((entry) => iso(entry.delivery.dismissedAt))}::timestamptz[],
        ${withReceipts.map((entry) => iso(entry.delivery.convertedAt))}::timestamptz[],
        ${withReceipts.map((entry) => entry.delivery.revenue)}::numeric[]
      ) AS v(id, delivered_at, opened_at, dismissed_at, converted_at, revenue)
      WHERE d.id = v.id`;
    // The purchases behind the conversions, linked to their push as attribution links them.
    const purchases = withReceipts.filter((entry) => entry.delivery.convertedAt);
    if (purchases.length) {
      await db.event.createMany({
        data: purchases.map((entry) => ({
          appId,
          subscriberId: entry.delivery.device.subscriberId,
          name: "purchase",
          properties: {
            product: pick(random, ["sneakers", "backpack", "rain-jacket", "headphones"]),
          },
          revenue: entry.delivery.revenue,
          currency: "EUR",
          occurredAt: entry.delivery.convertedAt ?? now,
          receivedAt: entry.delivery.convertedAt ?? now,
          deliveryId: entry.id,
        })),
      });
    }
  }

  // The audience each finished launch recorded (launch-phase.ts): the rows it listed.
  await db.$executeRaw`
    UPDATE campaigns c SET "audienceSize" = (SELECT count(*) FROM deliveries d WHERE d."campaignId" = c.id)
    WHERE c.id = ANY(${created.map((campaign) => campaign.id)}::text[])
      AND c."launchCompletedAt" IS NOT NULL`;

  // Dead tokens and opt-outs, at the time they happened.
  const changes = [...deviceChanges.entries()];
  if (changes.length) {
    await db.$executeRaw`
      UPDATE devices d SET status = v.status::"DeviceStatus",
             "optedOutAt" = CASE WHEN v.status = 'unsubscribed' THEN v.at END,
             "invalidatedAt" = CASE WHEN v.status = 'invalid' THEN v.at END,
             "invalidReason" = CASE WHEN v.status = 'invalid' THEN 'Unregistered' END,
             "updatedAt" = v.at
      FROM unnest(
        ${changes.map(([id]) => id.toString())}::bigint[],
        ${changes.map(([, change]) => change.state)}::text[],
        ${changes.map(([, change]) => change.at.toISOString())}::timestamptz[]
      ) AS v(id, status, at)
      WHERE d.id = v.id AND d."appId" = ${appId}`;
  }

  // Permission prompts of web visitors (the SDK records them anonymously).
  const prompts: { name: string; prompt: string; at: Date; visitor: string }[] = [];
  for (let day = days; day >= 1; day -= 1) {
    const visitors = 90 + Math.floor(random() * 60);
    for (let visitor = 0; visitor < visitors; visitor += 1) {
      const at = new Date(now.getTime() - day * DAY + Math.floor(random() * DAY));
      const id = `v${day}x${visitor}x${Math.floor(random() * 1e9).toString(36)}`;
      prompts.push({ name: "push_prompted", prompt: "soft", at, visitor: id });
      if (random() < 0.35) {
        prompts.push({ name: "push_granted", prompt: "soft", at, visitor: id });
        prompts.push({
          name: "push_prompted",
          prompt: "native",
          at: new Date(at.getTime() + 5_000),
          visitor: id,
        });
        const answer = weighted(random, [
          ["push_granted", 0.32],
          ["push_denied", 0.68],
        ]);
        prompts.push({
          name: answer,
          prompt: "native",
          at: new Date(at.getTime() + 9_000),
          visitor: id,
        });
      } else {
        prompts.push({ name: "push_denied", prompt: "soft", at, visitor: id });
      }
    }
  }
  for (let offset = 0; offset < prompts.length; offset += chunk) {
    await db.event.createMany({
      data: prompts.slice(offset, offset + chunk).map((prompt) => ({
        appId,
        name: prompt.name,
        properties: { prompt: prompt.prompt, visitorId: prompt.visitor },
        occurredAt: prompt.at,
        receivedAt: prompt.at,
      })),
    });
  }
  return { campaigns: campaigns.length, deliveries: deliveries.length };
}
