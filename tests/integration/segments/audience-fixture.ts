import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { compileSegmentFilter } from "@/lib/segments/compile-filter";
import { countAudience } from "@/lib/segments/count-audience";
import { createTestApp, randomId, type TestApp } from "@/tests/support/factories";

// A small audience built so that every operator has a subscriber on each side
// of its edge: a missing value, a JSON null, a number stored as a string, a
// case variant, an impossible date, two devices on two platforms, an opted
// out device, an unreachable subscriber, and another app that matches all.

export const NOW = new Date("2026-06-15T12:00:00Z");
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
export const ago = (ms: number) => new Date(NOW.getTime() - ms);
export { DAY, HOUR };

type DeviceSpec = {
  platform: "web" | "ios" | "android";
  status?: "active" | "unsubscribed" | "invalid";
  optedInAt?: Date | null;
};

interface PersonSpec {
  key: string;
  attributes: Prisma.InputJsonObject;
  tags: string[];
  country?: string;
  locale?: string;
  timezone?: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  devices: DeviceSpec[];
}

export const people: PersonSpec[] = [
  {
    key: "ada",
    attributes: {
      plan: "pro",
      age: 36,
      vip: true,
      signup: "2024-01-10",
      nickname: "Ada%_",
    },
    tags: ["newsletter", "beta"],
    country: "FR",
    locale: "fr-FR",
    timezone: "Europe/Paris",
    firstSeenAt: ago(400 * DAY),
    lastSeenAt: ago(1 * DAY),
    devices: [
      { platform: "ios", optedInAt: ago(100 * DAY) },
      { platform: "web", status: "unsubscribed", optedInAt: ago(300 * DAY) },
    ],
  },
  {
    key: "bob",
    attributes: {
      plan: "free",
      age: 17,
      vip: false,
      signup: "2026-06-01T08:00:00Z",
      nickname: "O'Brien; DROP TABLE subscribers;--",
    },
    tags: ["newsletter"],
    country: "DE",
    locale: "de-DE",
    firstSeenAt: ago(3 * DAY),
    lastSeenAt: ago(2 * HOUR),
    devices: [{ platform: "android", optedInAt: ago(3 * DAY) }],
  },
  {
    key: "cyd",
    attributes: { plan: "vip", age: 52.5, signup: "not a date", nickname: '\\" OR 1=1 --' },
    tags: [],
    country: "US",
    locale: "en-US",
    timezone: "America/New_York",
    firstSeenAt: ago(200 * DAY),
    lastSeenAt: ago(60 * DAY),
    devices: [
      { platform: "web", optedInAt: ago(200 * DAY) },
      { platform: "ios", optedInAt: ago(1 * DAY) },
    ],
  },
  {
    key: "dee",
    attributes: {},
    tags: [],
    firstSeenAt: ago(30 * DAY),
    lastSeenAt: ago(10 * DAY),
    devices: [{ platform: "web", optedInAt: null }],
  },
  {
    key: "fay",
    attributes: { plan: null, age: 0, vip: false, signup: "2025-02-29", nickname: "$1::text" },
    tags: ["vip"],
    country: "GB",
    locale: "en-GB",
    firstSeenAt: ago(60 * DAY),
    lastSeenAt: ago(20 * DAY),
    devices: [{ platform: "ios", optedInAt: ago(40 * DAY) }],
  },
  {
    key: "gus",
    attributes: { plan: "Pro", age: "36", vip: "TRUE", nickname: "%" },
    tags: [],
    country: "fr",
    firstSeenAt: ago(10 * DAY),
    lastSeenAt: ago(5 * DAY),
    devices: [{ platform: "web", optedInAt: ago(10 * DAY) }],
  },
  {
    // Matches nearly everything, but no device can receive a push: never in an audience.
    key: "eve",
    attributes: { plan: "pro", age: 36, vip: true, nickname: "%" },
    tags: ["newsletter", "beta", "vip"],
    country: "FR",
    firstSeenAt: ago(1 * DAY),
    lastSeenAt: ago(1 * HOUR),
    devices: [{ platform: "android", status: "invalid", optedInAt: ago(1 * DAY) }],
  },
];

/** Everyone with an active device: what an empty definition matches. */
export const reachable = ["ada", "bob", "cyd", "dee", "fay", "gus"];

interface EventSpec {
  person: string;
  name: string;
  at: Date;
  revenue?: number;
  properties?: Prisma.InputJsonObject;
}

const events: EventSpec[] = [
  {
    person: "ada",
    name: "purchase",
    at: ago(5 * DAY),
    revenue: 50,
    properties: { product: "shoes", size: 42 },
  },
  {
    person: "ada",
    name: "purchase",
    at: ago(10 * DAY),
    revenue: 30,
    properties: { product: "socks" },
  },
  {
    person: "ada",
    name: "purchase",
    at: ago(40 * DAY),
    revenue: 100,
    properties: { product: "shoes" },
  },
  { person: "ada", name: "session_start", at: ago(1 * DAY) },
  {
    person: "bob",
    name: "purchase",
    at: ago(1 * DAY),
    revenue: 10,
    properties: { product: "hat" },
  },
  { person: "bob", name: "added_to_cart", at: ago(2 * HOUR), properties: { product: "shoes" } },
  {
    person: "cyd",
    name: "purchase",
    at: ago(100 * DAY),
    revenue: 500,
    properties: { product: "coat" },
  },
  ...[1, 2, 3, 4, 5].map((days) => ({ person: "dee", name: "session_start", at: ago(days * DAY) })),
  { person: "gus", name: "session_start", at: ago(20 * DAY) },
  { person: "eve", name: "purchase", at: ago(1 * DAY), revenue: 1000 },
];

interface PushSpec {
  person: string;
  sentAt: Date;
  openedAt?: Date;
}

const pushes: PushSpec[] = [
  { person: "ada", sentAt: ago(2 * DAY), openedAt: ago(2 * DAY - HOUR) },
  { person: "ada", sentAt: ago(3 * DAY) },
  { person: "ada", sentAt: ago(4 * DAY) },
  { person: "bob", sentAt: ago(1 * DAY) },
  { person: "cyd", sentAt: ago(20 * DAY), openedAt: ago(20 * DAY - HOUR) },
];

export interface AudienceFixture {
  app: TestApp;
  /** Another app whose subscriber matches every condition the tests use. */
  otherApp: TestApp;
  subscriberIds: Map<string, bigint>;
}

async function insertPeople(appId: string, specs: PersonSpec[]) {
  const db = getDb();
  const subscriberIds = new Map<string, bigint>();
  const deviceIds = new Map<string, { id: bigint; platform: DeviceSpec["platform"] }>();
  for (const person of specs) {
    const subscriber = await db.subscriber.create({
      data: {
        appId,
        externalId: person.key,
        attributes: person.attributes,
        tags: person.tags,
        country: person.country ?? null,
        locale: person.locale ?? null,
        timezone: person.timezone ?? null,
        firstSeenAt: person.firstSeenAt,
        lastSeenAt: person.lastSeenAt,
      },
    });
    subscriberIds.set(person.key, subscriber.id);
    for (const device of person.devices) {
      const row = await db.device.create({
        data: {
          appId,
          subscriberId: subscriber.id,
          platform: device.platform,
          address: `${device.platform}:${randomId(24)}`,
          status: device.status ?? "active",
          optedInAt: device.optedInAt ?? null,
        },
      });
      if ((device.status ?? "active") === "active" && !deviceIds.has(person.key)) {
        deviceIds.set(person.key, { id: row.id, platform: device.platform });
      }
    }
  }
  return { subscriberIds, deviceIds };
}

export async function buildAudienceFixture(): Promise<AudienceFixture> {
  const db = getDb();
  const [app, otherApp] = await Promise.all([createTestApp(), createTestApp()]);
  const { subscriberIds, deviceIds } = await insertPeople(app.id, people);
  const intruder = people
    .filter((person) => person.key === "ada")
    .map((person) => ({
      ...person,
      key: `intruder-${randomId(4)}`,
    }));
  const other = await insertPeople(otherApp.id, intruder);
  const idOf = (key: string) => subscriberIds.get(key) ?? 0n;

  await db.event.createMany({
    data: [
      ...events.map((event) => ({
        appId: app.id,
        subscriberId: idOf(event.person),
        name: event.name,
        properties: event.properties ?? {},
        revenue: event.revenue ?? null,
        occurredAt: event.at,
      })),
      ...[...other.subscriberIds.values()].map((subscriberId) => ({
        appId: otherApp.id,
        subscriberId,
        name: "purchase",
        revenue: 5000,
        occurredAt: ago(1 * DAY),
      })),
    ],
  });

  // One campaign per push, so several pushes may reach the same device.
  for (const [index, push] of pushes.entries()) {
    const device = deviceIds.get(push.person);
    const campaign = await db.campaign.create({
      data: { appId: app.id, name: `Fixture push ${index + 1}`, status: "completed" },
    });
    await db.delivery.create({
      data: {
        appId: app.id,
        campaignId: campaign.id,
        subscriberId: idOf(push.person),
        deviceId: device?.id ?? null,
        platform: device?.platform ?? "web",
        status: "sent",
        sentAt: push.sentAt,
        openedAt: push.openedAt ?? null,
      },
    });
  }
  return { app, otherApp, subscriberIds };
}

export function definitionOf(...children: unknown[]) {
  return { version: 1, root: { type: "group", combinator: "and", children } };
}

/** External ids of the subscribers a definition keeps, sorted. */
export async function matchingKeys(appId: string, definition: unknown): Promise<string[]> {
  const condition = await compileSegmentFilter(appId, definition, { now: NOW });
  const rows = await getDb().$queryRaw<{ externalId: string }[]>`
    SELECT DISTINCT s."externalId" FROM devices d JOIN subscribers s ON s.id = d."subscriberId"
    WHERE d."appId" = ${appId} AND d.status = 'active' AND ${condition}
    ORDER BY 1`;
  return rows.map((row) => row.externalId);
}

export async function countOf(appId: string, definition: unknown) {
  return countAudience(appId, await compileSegmentFilter(appId, definition, { now: NOW }));
}
