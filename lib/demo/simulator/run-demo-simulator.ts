// The demo's live traffic: a few thousand simulated people and a store's
// servers, playing through Herald's public API and web SDK only. It sends a
// marketing campaign every few minutes (some of them A/B tests) and
// transactional pushes, keeps an abandoned-cart journey running, reads from
// the local push gateway which pushes were actually accepted, and answers
// them the way people do: delivered, opened after minutes, dismissed,
// sometimes a purchase; meanwhile visitors are prompted and opt in, a few
// opt out, and shoppers browse. Rates follow DESIGN.md's ranges.
import { randomBytes, randomUUID } from "node:crypto";
import type { CampaignCategory, Platform } from "@/lib/db/generated/enums";
import type { GatewayControlClient } from "@/lib/gateway/control-client";
import type { AcceptedMessage } from "@/lib/gateway/records";
import type { Logger } from "@/lib/logger";
import type { DemoPerson, DemoSimulatorConfig } from "./config";
import { HeraldCallFailed, type HeraldClient, RateLimited } from "./herald-client";
import { type PlannedAction, planReceipts } from "./plan-receipts";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
/** The SDK routes allow 300 calls a minute per IP and app; the simulator keeps under that. */
const SDK_CALLS_PER_MINUTE = 240;
const MAX_GATEWAY_LOG = 20_000;
const products = [
  "sneakers",
  "backpack",
  "rain-jacket",
  "headphones",
  "water-bottle",
  "sunglasses",
];
const marketingIdeas: [string, string, string][] = [
  ["Flash sale: 25 % off for two hours", "Two hours only: 25 % off", "The clock is ticking"],
  ["New arrivals just landed", "Just in: this week's new arrivals", "Be the first to see them"],
  ["Free shipping today", "Today only: shipping is on us", "No minimum order"],
  ["Your favourites are on sale", "Prices dropped on items you viewed", "Take another look"],
  ["Members' early access is open", "You're in: early access starts now", "Before everyone else"],
];

interface QueuedAction {
  at: number;
  action: PlannedAction;
  person: DemoPerson;
  deliveryId: string;
}

interface Task {
  name: string;
  next: number;
  every: () => number;
  run: () => Promise<void>;
  running?: boolean;
}

export interface DemoSimulator {
  stop(): Promise<void>;
}

export function startDemoSimulator(options: {
  config: DemoSimulatorConfig;
  herald: HeraldClient;
  gateway: GatewayControlClient;
  log: Logger;
  random?: () => number;
}): DemoSimulator {
  const { config, herald, gateway, log } = options;
  const random = options.random ?? Math.random;
  const people = new Map<string, DemoPerson>(
    config.people.map((person) => [person.gatewayDevice, person]),
  );
  const deviceTokens = new Map<string, string>();
  const categories = new Map<string, CampaignCategory | null>();
  const seenDeliveries = new Set<string>();
  let queue: QueuedAction[] = [];
  let gatewayLimit = 500;
  let sdkCalls: number[] = [];
  let marketingCount = 0;
  let stopped = false;

  const pickOne = <T>(items: readonly T[]): T | undefined =>
    items[Math.floor(random() * items.length)];
  const everyone = () => [...people.values()];
  const hex = (bytes: number) => randomBytes(bytes).toString("hex");

  /** Whether an SDK call fits the per-minute budget now; records it if so. */
  function takeSdkCall(): boolean {
    const now = Date.now();
    sdkCalls = sdkCalls.filter((at) => at > now - MINUTE);
    if (sdkCalls.length >= SDK_CALLS_PER_MINUTE) return false;
    sdkCalls.push(now);
    return true;
  }

  async function categoryOf(campaignId: string): Promise<CampaignCategory | null> {
    if (categories.has(campaignId)) return categories.get(campaignId) ?? null;
    try {
      const campaign = await herald.api<{ category: CampaignCategory }>(
        "GET",
        `/api/v1/campaigns/${encodeURIComponent(campaignId)}`,
      );
      categories.set(campaignId, campaign.category);
      return campaign.category;
    } catch (error) {
      if (error instanceof HeraldCallFailed && error.status === 404)
        categories.set(campaignId, null);
      return null;
    }
  }

  /** New pushes the gateway accepted: each gets its person's reactions, scheduled. */
  async function pollGateway(): Promise<void> {
    const messages: AcceptedMessage[] = await gateway.messages({ limit: gatewayLimit });
    let fresh = 0;
    for (const message of messages) {
      if (!message.deliveryId || !message.campaignId || seenDeliveries.has(message.deliveryId))
        continue;
      seenDeliveries.add(message.deliveryId);
      fresh += 1;
      const person = people.get(message.device);
      const category = person ? await categoryOf(message.campaignId) : null;
      if (!person || !category) continue;
      for (const action of planReceipts(random, {
        platform: person.platform,
        category,
        receivedAt: message.receivedAt,
      })) {
        queue.push({ at: action.at, action, person, deliveryId: message.deliveryId });
      }
    }
    // Everything we fetched was new: there may be more we did not see. Look further next time.
    gatewayLimit =
      fresh === messages.length && messages.length === gatewayLimit
        ? Math.min(MAX_GATEWAY_LOG, gatewayLimit * 4)
        : 500;
    if (seenDeliveries.size > 200_000) {
      const keep = [...seenDeliveries].slice(-100_000);
      seenDeliveries.clear();
      for (const id of keep) seenDeliveries.add(id);
    }
  }

  /** A browser holds a device token from registering its subscription: re-register to get one. */
  async function deviceTokenOf(person: DemoPerson): Promise<string | null> {
    const known = deviceTokens.get(person.deviceId);
    if (known) return known;
    if (!takeSdkCall()) return null;
    const [subscription] = await gateway.mintWebSubscriptions({ ids: [person.gatewayDevice] });
    if (!subscription) return null;
    const registered = await herald.sdk<{ deviceToken: string; deviceId: string }>(
      "/subscriptions",
      {
        subscription,
        externalId: person.externalId,
      },
    );
    deviceTokens.set(registered.deviceId, registered.deviceToken);
    return registered.deviceToken;
  }

  const sdkReceiptType = {
    delivered: "delivered",
    opened: "clicked",
    dismissed: "dismissed",
  } as const;

  /** Sends what is due: web receipts from the "service worker" (SDK), the rest as server events. */
  async function flushActions(): Promise<void> {
    const now = Date.now();
    const due = queue.filter((entry) => entry.at <= now);
    if (!due.length) return;
    queue = queue.filter((entry) => entry.at > now);
    const events: Record<string, unknown>[] = [];
    for (const entry of due) {
      const { action, person } = entry;
      if (action.kind === "purchase") {
        events.push({
          externalId: person.externalId,
          name: "purchase",
          properties: { product: pickOne(products) ?? "sneakers" },
          revenue: action.revenue,
          currency: "EUR",
          occurredAt: new Date(action.at).toISOString(),
          eventId: `demo-purchase-${entry.deliveryId}`,
        });
        continue;
      }
      if (person.platform === "web") {
        try {
          const token = await deviceTokenOf(person);
          if (token && takeSdkCall()) {
            await herald.sdk(
              "/receipts",
              { deliveryId: entry.deliveryId, type: sdkReceiptType[action.kind] },
              token,
            );
            continue;
          }
        } catch (error) {
          if (error instanceof RateLimited) sdkCalls = Array(SDK_CALLS_PER_MINUTE).fill(Date.now());
          else if (error instanceof HeraldCallFailed && error.status === 401)
            deviceTokens.delete(person.deviceId);
          else log.debug({ err: error }, "SDK receipt failed; sending it as a server event");
        }
      }
      // Apps report receipts through their servers (and browsers, past the SDK's budget).
      events.push({
        externalId: person.externalId,
        name: action.kind,
        deliveryId: entry.deliveryId,
        occurredAt: new Date(Math.min(action.at, Date.now())).toISOString(),
        properties: {},
      });
    }
    for (let start = 0; start < events.length; start += 500) {
      const batch = events.slice(start, start + 500);
      try {
        await herald.api("POST", "/api/v1/events", { events: batch });
      } catch (error) {
        if (error instanceof RateLimited) {
          log.warn({ retryAfterMs: error.retryAfterMs }, "events rate-limited; retrying later");
        } else {
          log.warn({ err: error, count: batch.length }, "event batch refused");
        }
        return;
      }
    }
  }

  async function sendMarketingCampaign(): Promise<void> {
    const candidates = everyone();
    if (candidates.length < 10) return;
    const audience = new Set<string>();
    for (let tries = 0; tries < 400 && audience.size < 100; tries += 1) {
      const person = pickOne(candidates);
      if (person) audience.add(person.externalId);
    }
    const [title, challenger, body] = pickOne(marketingIdeas) ??
      marketingIdeas[0] ?? ["Sale", "Sale", ""];
    marketingCount += 1;
    const isTest = marketingCount % 3 === 2;
    const time = new Date().toISOString().slice(11, 16);
    const campaign = await herald.api<{ id: string }>("POST", "/api/v1/campaigns", {
      name: `${title} · ${time} UTC`,
      category: "marketing",
      audience: { type: "subscribers", externalIds: [...audience] },
      ...(config.topics.deals ? { topicId: config.topics.deals } : {}),
      variants: [
        { name: "Original", content: { title, body, url: "/sale" } },
        ...(isTest
          ? [{ name: "Challenger", content: { title: challenger, body, url: "/sale" } }]
          : []),
      ],
      ...(isTest
        ? {
            experiment: {
              mode: "winner",
              testPercent: 30,
              winnerMetric: "open_rate",
              windowMinutes: 15,
              selection: "auto",
            },
          }
        : {}),
    });
    categories.set(campaign.id, "marketing");
    await herald.api("POST", `/api/v1/campaigns/${campaign.id}/launch`);
    log.info(
      { campaignId: campaign.id, recipients: audience.size, isTest },
      "demo marketing campaign launched",
    );
  }

  async function sendTransactional(): Promise<void> {
    const person = pickOne(everyone());
    if (!person) return;
    const order = 10_000 + Math.floor(random() * 90_000);
    const [title, body] = pickOne([
      [`Order #${order} has shipped`, "It arrives in 2–3 days. Track it any time."],
      [`Order #${order} is out for delivery`, "Your parcel arrives today."],
      ["Your password was changed", "If this wasn't you, secure your account now."],
      [`Payment received for order #${order}`, "Thanks! We're getting it ready."],
    ] as const) ?? ["Order update", ""];
    const sent = await herald.api<{ id: string }>(
      "POST",
      "/api/v1/notifications",
      {
        audience: { type: "subscribers", externalIds: [person.externalId] },
        category: "transactional",
        content: { title, body, url: `/orders/${order}` },
        ...(config.topics["order-updates"] ? { topicId: config.topics["order-updates"] } : {}),
      },
      { "idempotency-key": randomUUID() },
    );
    categories.set(sent.id, "transactional");
  }

  async function ensureTriggeredJourney(): Promise<void> {
    const running = await herald.api<{ data: { id: string }[] }>(
      "GET",
      "/api/v1/campaigns?category=triggered&status=sending&limit=5",
    );
    for (const campaign of running.data) categories.set(campaign.id, "triggered");
    if (running.data.length) return;
    const campaign = await herald.api<{ id: string }>("POST", "/api/v1/campaigns", {
      name: "Abandoned cart reminder",
      category: "triggered",
      trigger: {
        type: "event",
        event: "added_to_cart",
        delayMinutes: 5,
        exitEvents: ["purchase"],
        oncePerHours: 24,
      },
      variants: [
        {
          content: {
            title: "Still thinking it over?",
            body: "Your cart is waiting for you.",
            url: "/cart",
          },
        },
      ],
    });
    await herald.api("POST", `/api/v1/campaigns/${campaign.id}/launch`);
    categories.set(campaign.id, "triggered");
    log.info({ campaignId: campaign.id }, "demo abandoned-cart journey started");
  }

  /** Shoppers browse; some fill a cart (the journey's trigger), a few buy without any push. */
  async function browse(): Promise<void> {
    const events: Record<string, unknown>[] = [];
    for (let shopper = 0; shopper < 3; shopper += 1) {
      const person = pickOne(everyone());
      if (!person) return;
      const product = pickOne(products) ?? "sneakers";
      events.push({ externalId: person.externalId, name: "session_start", properties: {} });
      if (random() < 0.6)
        events.push({
          externalId: person.externalId,
          name: "product_viewed",
          properties: { product },
        });
      if (random() < 0.2)
        events.push({
          externalId: person.externalId,
          name: "added_to_cart",
          properties: { product },
        });
      if (random() < 0.02) {
        events.push({
          externalId: person.externalId,
          name: "purchase",
          properties: { product },
          revenue: Math.round((15 + random() * 120) * 100) / 100,
          currency: "EUR",
        });
      }
    }
    await herald.api("POST", "/api/v1/events", { events });
  }

  /** A web visitor sees the soft ask, maybe the browser's dialog, and maybe subscribes. */
  async function webVisitor(): Promise<void> {
    if (sdkCalls.length > SDK_CALLS_PER_MINUTE - 20) return;
    const visitorId = `visitor_${hex(8)}`;
    const prompt = async (outcome: string, kind: string) => {
      takeSdkCall();
      await herald.sdk("/prompts", { outcome, prompt: kind, visitorId });
    };
    await prompt("prompted", "soft");
    if (random() >= 0.35) return prompt("denied", "soft");
    await prompt("granted", "soft");
    await prompt("prompted", "native");
    if (random() >= 0.32) return prompt("denied", "native");
    await prompt("granted", "native");
    const gatewayDevice = `sim${hex(8)}`;
    const [subscription] = await gateway.mintWebSubscriptions({ ids: [gatewayDevice] });
    if (!subscription) return;
    const externalId = `shopper-${hex(5)}`;
    takeSdkCall();
    const registered = await herald.sdk<{ deviceId: string; deviceToken: string }>(
      "/subscriptions",
      {
        subscription,
        externalId,
        browser: pickOne(["Chrome", "Firefox", "Edge"]),
        osName: pickOne(["macOS", "Windows", "Linux"]),
      },
    );
    deviceTokens.set(registered.deviceId, registered.deviceToken);
    people.set(gatewayDevice, {
      externalId,
      deviceId: registered.deviceId,
      platform: "web",
      gatewayDevice,
    });
  }

  /** An app user answers the OS permission dialog; the app's server reports it and registers the token. */
  async function appUser(): Promise<void> {
    const platform: Platform = random() < 0.6 ? "ios" : "android";
    const externalId = `app-user-${hex(5)}`;
    const granted = random() < (platform === "ios" ? 0.52 : 0.83);
    await herald.api("POST", "/api/v1/events", {
      events: [
        { externalId, name: "push_prompted", properties: { prompt: "native", platform } },
        {
          externalId,
          name: granted ? "push_granted" : "push_denied",
          properties: { prompt: "native", platform },
        },
      ],
    });
    if (!granted) return;
    const token =
      platform === "ios"
        ? hex(32)
        : `${randomBytes(8).toString("base64url")}:APA91b${randomBytes(96).toString("base64url")}`;
    const device = await herald.api<{ id: string }>("POST", "/api/v1/devices", {
      platform,
      token,
      externalId,
      appVersion: "3.4.0",
      osName: platform === "ios" ? "iOS" : "Android",
    });
    people.set(token, { externalId, deviceId: device.id, platform, gatewayDevice: token });
  }

  /** Now and then someone turns pushes off. */
  async function optOut(): Promise<void> {
    const person = pickOne(everyone());
    if (!person) return;
    await herald.api("DELETE", `/api/v1/devices/${person.deviceId}`);
    people.delete(person.gatewayDevice);
  }

  const jitter = (ms: number) => Math.round(ms * (0.7 + random() * 0.6));
  const start = Date.now();
  const tasks: Task[] = [
    {
      name: "gateway",
      next: start + 2 * SECOND,
      every: () => (gatewayLimit > 500 ? 200 : 2 * SECOND),
      run: pollGateway,
    },
    { name: "receipts", next: start + SECOND, every: () => SECOND, run: flushActions },
    {
      name: "journey",
      next: start + 3 * SECOND,
      every: () => 10 * MINUTE,
      run: ensureTriggeredJourney,
    },
    {
      name: "transactional",
      next: start + 8 * SECOND,
      every: () => jitter(35 * SECOND),
      run: sendTransactional,
    },
    {
      name: "marketing",
      next: start + 20 * SECOND,
      every: () => jitter(5 * MINUTE),
      run: sendMarketingCampaign,
    },
    { name: "browse", next: start + 5 * SECOND, every: () => jitter(4 * SECOND), run: browse },
    {
      name: "web visitor",
      next: start + 10 * SECOND,
      every: () => jitter(30 * SECOND),
      run: webVisitor,
    },
    { name: "app user", next: start + 30 * SECOND, every: () => jitter(2 * MINUTE), run: appUser },
    { name: "opt-out", next: start + 3 * MINUTE, every: () => jitter(8 * MINUTE), run: optOut },
  ];

  const timer = setInterval(() => {
    const now = Date.now();
    for (const task of tasks) {
      if (stopped || task.running || task.next > now) continue;
      task.running = true;
      task
        .run()
        .catch((error: unknown) => {
          if (error instanceof RateLimited) {
            task.next = Date.now() + error.retryAfterMs;
            return;
          }
          log.warn(
            { err: error, task: task.name },
            "demo simulator task failed; trying again later",
          );
        })
        .finally(() => {
          task.running = false;
          task.next = Math.max(task.next, Date.now() + task.every());
        });
    }
  }, 200);

  log.info({ people: people.size, appId: config.appId }, "demo traffic simulator started");
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      const deadline = Date.now() + 5 * SECOND;
      while (tasks.some((task) => task.running) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}
