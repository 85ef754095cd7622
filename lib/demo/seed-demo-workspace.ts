import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createApp } from "@/lib/apps/create-app";
import { hashPassword } from "@/lib/auth/password";
import { saveCredential } from "@/lib/credentials/credentials";
import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import {
  createGatewayControlClient,
  type GatewayControlClient,
} from "@/lib/gateway/control-client";
import { stateFiles } from "@/lib/gateway/state-dir";
import { pick, seededRandom, weighted } from "./random";

export const demoLogin = {
  email: "demo@herald.local",
  password: "herald-demo",
  name: "Demo Marketer",
};

const firstNames = [
  "Ada",
  "Grace",
  "Alan",
  "Linus",
  "Margaret",
  "Ken",
  "Barbara",
  "Dennis",
  "Radia",
  "Tim",
  "Hedy",
  "Guido",
];
const cities = [
  ["London", "GB", "Europe/London", "en-GB"],
  ["Paris", "FR", "Europe/Paris", "fr-FR"],
  ["Berlin", "DE", "Europe/Berlin", "de-DE"],
  ["New York", "US", "America/New_York", "en-US"],
  ["San Francisco", "US", "America/Los_Angeles", "en-US"],
  ["São Paulo", "BR", "America/Sao_Paulo", "pt-BR"],
  ["Tokyo", "JP", "Asia/Tokyo", "ja-JP"],
  ["Sydney", "AU", "Australia/Sydney", "en-AU"],
] as const;
const products = [
  "sneakers",
  "backpack",
  "rain-jacket",
  "headphones",
  "water-bottle",
  "sunglasses",
];

const DAY = 24 * 3600 * 1000;

interface GatewayAccess {
  url: string;
  caFile: string;
  stateDir: string;
}

function gatewayFromEnv(): GatewayAccess | null {
  const url = process.env.HERALD_PUSH_GATEWAY_URL;
  const caFile = process.env.HERALD_PUSH_GATEWAY_CA_FILE;
  const stateDir = process.env.HERALD_GATEWAY_STATE_DIR;
  return url && caFile && stateDir ? { url, caFile, stateDir } : null;
}

function controlClient(gateway: GatewayAccess): GatewayControlClient {
  return createGatewayControlClient({
    url: gateway.url,
    ca: readFileSync(gateway.caFile, "utf8"),
    controlToken: readFileSync(join(gateway.stateDir, stateFiles.controlToken), "utf8").trim(),
  });
}

/**
 * The demo workspace a newcomer lands in: a store app with a few thousand
 * subscribers on all three platforms, their attributes and a month of
 * events. With the local gateway running, iOS and Android credentials and
 * every device address come from it, so sends really go out and come back.
 * Runs once: a second start finds the demo user and leaves everything alone.
 */
export async function seedDemoWorkspace(
  options: { subscribers?: number; publicUrl?: string } = {},
) {
  const db = getDb();
  if (await db.user.findUnique({ where: { email: demoLogin.email } })) return { created: false };
  const random = seededRandom(20261123);
  const user = await db.user.create({
    data: {
      email: demoLogin.email,
      name: demoLogin.name,
      passwordHash: await hashPassword(demoLogin.password),
    },
  });
  const actor = { kind: "user" as const, userId: user.id, email: user.email };
  const app = await createApp(
    {
      name: "Demo Store",
      defaultTimezone: "Europe/London",
      allowedOrigins: options.publicUrl ? [new URL(options.publicUrl).origin] : [],
    },
    actor,
    actor,
    { isDemo: true },
  );
  await db.topic.createMany({
    data: [
      {
        appId: app.id,
        key: "order-updates",
        name: "Order updates",
        description: "Shipping and delivery news",
      },
      { appId: app.id, key: "deals", name: "Deals", description: "Sales and discount codes" },
      { appId: app.id, key: "new-arrivals", name: "New arrivals", defaultOptIn: false },
    ],
  });

  const gateway = gatewayFromEnv();
  const control = gateway ? controlClient(gateway) : null;
  if (control) {
    const account = await control.mintFcmServiceAccount({ projectId: "herald-demo-store" });
    await saveCredential(
      app.id,
      { platform: "android", input: { serviceAccountJson: JSON.stringify(account) } },
      actor,
    );
    const key = await control.mintApnsKey({ bundleId: "com.herald.demo.store" });
    await saveCredential(app.id, { platform: "ios", input: { ...key, production: true } }, actor);
  }

  const count = options.subscribers ?? 3_000;
  const now = Date.now();
  const people = Array.from({ length: count }, (_, index) => {
    const [city, country, timezone, locale] = pick(random, cities);
    const firstSeen = now - Math.floor(random() * 120 * DAY);
    return {
      externalId: `demo-${String(index + 1).padStart(5, "0")}`,
      firstSeen,
      lastSeen: Math.min(now, firstSeen + Math.floor(random() * 60 * DAY)),
      platform: weighted<Platform>(random, [
        ["web", 5],
        ["ios", 3],
        ["android", 2],
      ]),
      attributes: {
        first_name: pick(random, firstNames),
        city,
        plan: weighted(random, [
          ["free", 7],
          ["pro", 2.5],
          ["vip", 0.5],
        ]),
        lifetime_value: Math.round(random() * 400 * 100) / 100,
        newsletter: random() < 0.4,
      },
      tags: [random() < 0.3 ? "newsletter" : null, random() < 0.1 ? "beta" : null].filter(
        (tag): tag is string => !!tag,
      ),
      country,
      timezone,
      locale,
    };
  });
  const subscribers = await db.subscriber.createManyAndReturn({
    data: people.map((person) => ({
      appId: app.id,
      externalId: person.externalId,
      attributes: person.attributes,
      tags: person.tags,
      country: person.country,
      timezone: person.timezone,
      locale: person.locale,
      firstSeenAt: new Date(person.firstSeen),
      lastSeenAt: new Date(person.lastSeen),
      createdAt: new Date(person.firstSeen),
    })),
    select: { id: true, externalId: true },
  });
  const idByExternal = new Map(
    subscribers.map((subscriber) => [subscriber.externalId, subscriber.id]),
  );

  const webIds = people
    .filter((person) => person.platform === "web")
    .map((person) => person.externalId);
  const webSubscriptions =
    control && webIds.length ? await control.mintWebSubscriptions({ ids: webIds }) : [];
  const subscriptionById = new Map(webIds.map((id, index) => [id, webSubscriptions[index]]));
  await db.device.createMany({
    data: people.map((person) => {
      const subscription = subscriptionById.get(person.externalId);
      const address =
        person.platform === "web"
          ? (subscription?.endpoint ?? `https://push.invalid/demo/${person.externalId}`)
          : person.platform === "ios"
            ? randomBytes(32).toString("hex")
            : `demo:${randomBytes(48).toString("base64url")}`;
      return {
        appId: app.id,
        subscriberId: idByExternal.get(person.externalId) ?? 0n,
        platform: person.platform,
        address,
        webP256dh: subscription?.keys.p256dh,
        webAuth: subscription?.keys.auth,
        optedInAt: new Date(person.firstSeen),
        lastRegisteredAt: new Date(person.firstSeen),
        lastSeenAt: new Date(person.lastSeen),
        createdAt: new Date(person.firstSeen),
        browser: person.platform === "web" ? pick(random, ["Chrome", "Firefox", "Edge"]) : null,
        osName:
          person.platform === "ios"
            ? "iOS"
            : person.platform === "android"
              ? "Android"
              : pick(random, ["macOS", "Windows", "Linux"]),
        appVersion: person.platform === "web" ? null : pick(random, ["3.2.0", "3.3.1", "3.4.0"]),
      };
    }),
  });

  const events: {
    appId: string;
    subscriberId: bigint;
    name: string;
    properties: object;
    revenue?: number;
    currency?: string;
    occurredAt: Date;
  }[] = [];
  for (const person of people) {
    const subscriberId = idByExternal.get(person.externalId);
    if (!subscriberId) continue;
    const sessions = Math.floor(random() * 8);
    for (let session = 0; session < sessions; session += 1) {
      const at = person.firstSeen + random() * (person.lastSeen - person.firstSeen);
      events.push({
        appId: app.id,
        subscriberId,
        name: "session_start",
        properties: {},
        occurredAt: new Date(at),
      });
      const product = pick(random, products);
      if (random() < 0.6)
        events.push({
          appId: app.id,
          subscriberId,
          name: "product_viewed",
          properties: { product },
          occurredAt: new Date(at + 60_000),
        });
      if (random() < 0.25)
        events.push({
          appId: app.id,
          subscriberId,
          name: "added_to_cart",
          properties: { product },
          occurredAt: new Date(at + 180_000),
        });
      if (random() < 0.08) {
        events.push({
          appId: app.id,
          subscriberId,
          name: "purchase",
          properties: { product },
          revenue: Math.round((20 + random() * 180) * 100) / 100,
          currency: "EUR",
          occurredAt: new Date(at + 300_000),
        });
      }
    }
  }
  for (let start = 0; start < events.length; start += 5_000) {
    await db.event.createMany({ data: events.slice(start, start + 5_000) });
  }
  return {
    created: true,
    appId: app.id,
    subscribers: count,
    events: events.length,
    viaGateway: Boolean(control),
  };
}
