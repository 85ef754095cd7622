import { beforeAll, describe, expect, it } from "vitest";
import { POST as launchCampaign } from "@/app/api/v1/campaigns/[campaignId]/launch/route";
import { PATCH as patchCampaign } from "@/app/api/v1/campaigns/[campaignId]/route";
import { POST as estimateAudience } from "@/app/api/v1/campaigns/audience-estimate/route";
import { GET as keyNumbers } from "@/app/api/v1/campaigns/key-numbers/route";
import { POST as previewContent } from "@/app/api/v1/campaigns/preview/route";
import { POST as createCampaign } from "@/app/api/v1/campaigns/route";
import { POST as testSend } from "@/app/api/v1/campaigns/test-send/route";
import { POST as ingestEvents } from "@/app/api/v1/events/route";
import { POST as sendNotification } from "@/app/api/v1/notifications/route";
import { PUT as setSdkPreferences } from "@/app/api/v1/sdk/[publicId]/preferences/route";
import { POST as sdkReceipt } from "@/app/api/v1/sdk/[publicId]/receipts/route";
import { PATCH as patchSegment } from "@/app/api/v1/segments/[segmentId]/route";
import { POST as previewSegment } from "@/app/api/v1/segments/preview/route";
import { POST as createSegment } from "@/app/api/v1/segments/route";
import { GET as audienceStats } from "@/app/api/v1/stats/audience/route";
import { GET as campaignStats } from "@/app/api/v1/stats/campaigns/route";
import { GET as overviewStats } from "@/app/api/v1/stats/route";
import { PUT as setPreferences } from "@/app/api/v1/subscribers/[externalId]/preferences/route";
import { getDb } from "@/lib/db/client";
import { launchCampaignPhase } from "@/lib/delivery/launch-phase";
import { parseDeviceToken } from "@/lib/devices/sdk-device-token";
import { logger } from "@/lib/logger";
import { callRoute } from "@/tests/support/http";
import { type AppFixture, buildFixture, snapshot } from "./support";

// The route matrix sends another app's ids in the path. These are the ids a
// request carries in its body or query string: a segment to target, a topic,
// device ids, a delivery to acknowledge, a segment a definition refers to.
// Each case runs twice with the same caller (the own app's admin key, or its
// browser's device token): with the own app's ids it works, with the other
// app's it is refused or finds nothing, and the other app is unchanged.

type Handler = Parameters<typeof callRoute>[0];

/** The ids a request may carry, of one app. */
interface Ids {
  segmentId: string;
  topicId: string;
  topicKey: string;
  deviceId: string;
  externalId: string;
  campaignId: string;
  deliveryId: string;
  sdkDeliveryId: string;
}

interface Case {
  name: string;
  handler: Handler;
  method?: string;
  path: string;
  params?: (fixture: AppFixture) => Record<string, string>;
  query?: (ids: Ids) => Record<string, string>;
  body?: (ids: Ids) => unknown;
  /** Calls with the own app's browser (device token) instead of its admin key. */
  asBrowser?: boolean;
  /** What the call with the caller's own ids answers. */
  ok: number;
  /**
   * When a foreign id is not refused but names nothing (a filter, a list,
   * a recipient list): what the answer must show. Otherwise it is refused.
   */
  findsNothing?: (body: unknown, ids: Ids) => void;
}

const content = { title: "Cross-app", body: "Hello {{ first_name }}" };
const referencing = (segmentId: string) => ({
  version: 1,
  root: {
    type: "group",
    combinator: "and",
    children: [{ type: "segment", op: "in", segmentId }],
  },
});

const cases: Case[] = [
  {
    name: "POST /campaigns audience.segmentId",
    handler: createCampaign,
    path: "/api/v1/campaigns",
    body: (ids) => ({
      name: "Segment draft",
      audience: { type: "segment", segmentId: ids.segmentId },
      variants: [{ content }],
    }),
    ok: 201,
  },
  {
    name: "POST /campaigns topicId",
    handler: createCampaign,
    path: "/api/v1/campaigns",
    body: (ids) => ({ name: "Topic draft", topicId: ids.topicId, variants: [{ content }] }),
    ok: 201,
  },
  {
    name: "PATCH /campaigns/{id} audience.segmentId",
    handler: patchCampaign,
    method: "PATCH",
    path: "/api/v1/campaigns/{campaignId}",
    params: (fixture) => ({ campaignId: fixture.params.campaignId ?? "" }),
    body: (ids) => ({ audience: { type: "segment", segmentId: ids.segmentId } }),
    ok: 200,
  },
  {
    name: "POST /campaigns/audience-estimate audience.segmentId",
    handler: estimateAudience,
    path: "/api/v1/campaigns/audience-estimate",
    body: (ids) => ({ audience: { type: "segment", segmentId: ids.segmentId } }),
    ok: 200,
  },
  {
    name: "POST /campaigns/audience-estimate topicId",
    handler: estimateAudience,
    path: "/api/v1/campaigns/audience-estimate",
    body: (ids) => ({ audience: { type: "all" }, topicId: ids.topicId }),
    ok: 200,
  },
  {
    name: "POST /campaigns/audience-estimate audience.deviceIds",
    handler: estimateAudience,
    path: "/api/v1/campaigns/audience-estimate",
    body: (ids) => ({ audience: { type: "devices", deviceIds: [ids.deviceId] } }),
    ok: 200,
    findsNothing: (body) => expect(body).toMatchObject({ devices: 0, subscribers: 0 }),
  },
  {
    name: "POST /campaigns/test-send deviceIds",
    handler: testSend,
    path: "/api/v1/campaigns/test-send",
    body: (ids) => ({ content, deviceIds: [ids.deviceId] }),
    ok: 201,
  },
  {
    name: "POST /campaigns/preview externalId",
    handler: previewContent,
    path: "/api/v1/campaigns/preview",
    body: (ids) => ({ content, externalId: ids.externalId }),
    ok: 200,
  },
  {
    name: "POST /notifications audience.segmentId",
    handler: sendNotification,
    path: "/api/v1/notifications",
    body: (ids) => ({ audience: { type: "segment", segmentId: ids.segmentId }, content }),
    ok: 201,
  },
  {
    name: "POST /notifications topicId",
    handler: sendNotification,
    path: "/api/v1/notifications",
    body: (ids) => ({ audience: { type: "all" }, topicId: ids.topicId, content }),
    ok: 201,
  },
  {
    name: "POST /notifications a filter referring to a segment",
    handler: sendNotification,
    path: "/api/v1/notifications",
    body: (ids) => ({
      audience: { type: "filter", definition: referencing(ids.segmentId) },
      content,
    }),
    ok: 201,
  },
  {
    name: "POST /segments a definition referring to a segment",
    handler: createSegment,
    path: "/api/v1/segments",
    body: (ids) => ({ name: `Refers ${ids.segmentId}`, definition: referencing(ids.segmentId) }),
    ok: 201,
  },
  {
    name: "PATCH /segments/{id} a definition referring to a segment",
    handler: patchSegment,
    method: "PATCH",
    path: "/api/v1/segments/{segmentId}",
    // The own app's second segment, so that the own case is not a self-reference.
    params: (fixture) => ({ segmentId: spareSegments.get(fixture.app.id) ?? "" }),
    body: (ids) => ({ definition: referencing(ids.segmentId) }),
    ok: 200,
  },
  {
    name: "POST /segments/preview segmentId",
    handler: previewSegment,
    path: "/api/v1/segments/preview",
    body: (ids) => ({ segmentId: ids.segmentId }),
    ok: 200,
  },
  {
    name: "POST /segments/preview a definition referring to a segment",
    handler: previewSegment,
    path: "/api/v1/segments/preview",
    body: (ids) => ({ definition: referencing(ids.segmentId) }),
    ok: 200,
  },
  {
    name: "GET /stats?segmentId",
    handler: overviewStats,
    path: "/api/v1/stats",
    query: (ids) => ({ segmentId: ids.segmentId }),
    ok: 200,
  },
  {
    name: "GET /stats/audience?segmentId",
    handler: audienceStats,
    path: "/api/v1/stats/audience",
    query: (ids) => ({ segmentId: ids.segmentId }),
    ok: 200,
  },
  {
    name: "GET /stats/campaigns?segmentId",
    handler: campaignStats,
    path: "/api/v1/stats/campaigns",
    query: (ids) => ({ segmentId: ids.segmentId }),
    ok: 200,
  },
  {
    name: "GET /campaigns/key-numbers?ids",
    handler: keyNumbers,
    path: "/api/v1/campaigns/key-numbers",
    query: (ids) => ({ ids: ids.campaignId }),
    ok: 200,
    findsNothing: (body, ids) => expect(JSON.stringify(body)).not.toContain(ids.campaignId),
  },
  {
    name: "POST /events a receipt's deliveryId",
    handler: ingestEvents,
    path: "/api/v1/events",
    // The own app's subscriber acknowledges a delivery id.
    body: (ids) => ({
      events: [{ externalId: ownIds().externalId, name: "opened", deliveryId: ids.deliveryId }],
    }),
    ok: 200,
  },
  {
    name: "PUT /subscribers/{externalId}/preferences a topic key",
    handler: setPreferences,
    method: "PUT",
    path: "/api/v1/subscribers/{externalId}/preferences",
    params: (fixture) => ({ externalId: fixture.params.externalId ?? "" }),
    body: (ids) => ({ preferences: { [ids.topicKey]: false } }),
    ok: 200,
  },
  {
    name: "POST /sdk/{publicId}/receipts deliveryId",
    handler: sdkReceipt,
    path: "/api/v1/sdk/{publicId}/receipts",
    params: (fixture) => ({ publicId: fixture.app.publicId }),
    body: (ids) => ({ deliveryId: ids.sdkDeliveryId, type: "clicked" }),
    asBrowser: true,
    ok: 200,
  },
  {
    name: "PUT /sdk/{publicId}/preferences a topic key",
    handler: setSdkPreferences,
    method: "PUT",
    path: "/api/v1/sdk/{publicId}/preferences",
    params: (fixture) => ({ publicId: fixture.app.publicId }),
    body: (ids) => ({ preferences: { [ids.topicKey]: true } }),
    asBrowser: true,
    ok: 200,
  },
];

let own: AppFixture;
let other: AppFixture;
const idsOf = new Map<string, Ids>();
const spareSegments = new Map<string, string>();
const ownIds = () => idsOf.get(own.app.id) as Ids;
const otherIds = () => idsOf.get(other.app.id) as Ids;

/** Adds what the shared fixture lacks: a topic key, a push the browser received, a spare segment. */
async function describeIds(fixture: AppFixture): Promise<Ids> {
  const db = getDb();
  const topic = await db.topic.findUniqueOrThrow({ where: { id: fixture.params.topicId } });
  const browser = parseDeviceToken(fixture.sdkDeviceToken);
  const device = await db.device.findUniqueOrThrow({ where: { id: browser?.deviceId ?? 0n } });
  const sdkDelivery = await db.delivery.create({
    data: {
      appId: fixture.app.id,
      campaignId: fixture.params.notificationId ?? "",
      subscriberId: device.subscriberId,
      deviceId: device.id,
      platform: "web",
      status: "sent",
      sentAt: new Date(),
    },
  });
  const spare = await db.segment.create({
    data: {
      appId: fixture.app.id,
      name: `Spare ${fixture.app.id}`,
      definition: { version: 1, root: { type: "group", combinator: "and", children: [] } },
    },
  });
  spareSegments.set(fixture.app.id, spare.id);
  const param = (name: string) => fixture.params[name] ?? "";
  return {
    segmentId: param("segmentId"),
    topicId: param("topicId"),
    topicKey: topic.key,
    deviceId: param("deviceId"),
    externalId: param("externalId"),
    campaignId: param("campaignId"),
    deliveryId: fixture.deliveryId,
    sdkDeliveryId: sdkDelivery.id.toString(),
  };
}

function send(testCase: Case, ids: Ids): Promise<Response> {
  const params = testCase.params?.(own) ?? {};
  let path = testCase.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? "");
  const query = new URLSearchParams(testCase.query?.(ids));
  if (query.size) path += `?${query}`;
  return callRoute(testCase.handler, {
    method: testCase.method ?? (testCase.body ? "POST" : "GET"),
    path,
    params,
    body: testCase.body?.(ids),
    ...(testCase.asBrowser
      ? { headers: { "x-herald-device-token": own.sdkDeviceToken } }
      : { as: { apiKey: own.keys.admin } }),
  });
}

/**
 * Rows of either app that point at a row of another app: the columns that
 * hold another row's id, with or without a foreign key, and the segment ids
 * kept inside JSON (a segment's references, a launched campaign's filter; a
 * draft may hold any half-built filter until it is launched). Device ids or
 * external ids in an audience name nobody when they are not the app's own:
 * the deliveries they lead to are checked instead.
 */
async function crossAppLinks(appIds: string[]): Promise<unknown[]> {
  const db = getDb();
  return db.$queryRaw<unknown[]>`
    SELECT 'delivery→device' AS link, d.id::text FROM deliveries d JOIN devices x ON x.id = d."deviceId"
      WHERE d."appId" = ANY(${appIds}) AND x."appId" <> d."appId"
    UNION ALL SELECT 'delivery→subscriber', d.id::text FROM deliveries d JOIN subscribers x ON x.id = d."subscriberId"
      WHERE d."appId" = ANY(${appIds}) AND x."appId" <> d."appId"
    UNION ALL SELECT 'delivery→campaign', d.id::text FROM deliveries d JOIN campaigns x ON x.id = d."campaignId"
      WHERE d."appId" = ANY(${appIds}) AND x."appId" <> d."appId"
    UNION ALL SELECT 'event→subscriber', e.id::text FROM events e JOIN subscribers x ON x.id = e."subscriberId"
      WHERE e."appId" = ANY(${appIds}) AND x."appId" <> e."appId"
    UNION ALL SELECT 'event→delivery', e.id::text FROM events e JOIN deliveries x ON x.id = e."deliveryId"
      WHERE e."appId" = ANY(${appIds}) AND x."appId" <> e."appId"
    UNION ALL SELECT 'device→subscriber', v.id::text FROM devices v JOIN subscribers x ON x.id = v."subscriberId"
      WHERE v."appId" = ANY(${appIds}) AND x."appId" <> v."appId"
    UNION ALL SELECT 'campaign→segment', c.id FROM campaigns c JOIN segments x ON x.id = c."segmentId"
      WHERE c."appId" = ANY(${appIds}) AND x."appId" <> c."appId"
    UNION ALL SELECT 'campaign→topic', c.id FROM campaigns c JOIN topics x ON x.id = c."topicId"
      WHERE c."appId" = ANY(${appIds}) AND x."appId" <> c."appId"
    UNION ALL SELECT 'JSON→segment', s.id FROM (
        SELECT id, "appId", definition::text AS doc FROM segments
        UNION ALL SELECT id, "appId", audience::text FROM campaigns WHERE status <> 'draft') s
      JOIN segments x ON s.doc LIKE '%"' || x.id || '"%'
      WHERE s."appId" = ANY(${appIds}) AND x."appId" <> s."appId"
    UNION ALL SELECT 'preference→topic', p."subscriberId"::text FROM subscriber_topic_preferences p
      JOIN subscribers s ON s.id = p."subscriberId" JOIN topics x ON x.id = p."topicId"
      WHERE s."appId" = ANY(${appIds}) AND x."appId" <> s."appId"`;
}

beforeAll(async () => {
  own = await buildFixture();
  other = await buildFixture();
  idsOf.set(own.app.id, await describeIds(own));
  idsOf.set(other.app.id, await describeIds(other));
}, 120_000);

describe("ids of another app inside a request", () => {
  it("are refused or find nothing, where the same request with the own app's ids works", async () => {
    const otherBefore = await snapshot(other.app.id);
    const failures: string[] = [];
    for (const testCase of cases) {
      // Foreign first: the own call may change what the foreign one would meet.
      const foreign = await send(testCase, otherIds());
      const foreignText = await foreign.text();
      if (testCase.findsNothing) {
        if (foreign.status !== testCase.ok && ![400, 404].includes(foreign.status)) {
          failures.push(`${testCase.name}, other app's ids: ${foreign.status} ${foreignText}`);
        } else if (foreign.status === testCase.ok) {
          try {
            testCase.findsNothing(JSON.parse(foreignText), otherIds());
          } catch (error) {
            failures.push(`${testCase.name}, other app's ids: ${(error as Error).message}`);
          }
        }
      } else if (![400, 404].includes(foreign.status)) {
        failures.push(`${testCase.name}, other app's ids: ${foreign.status} ${foreignText}`);
      }
      const mine = await send(testCase, ownIds());
      if (mine.status !== testCase.ok) {
        failures.push(`${testCase.name}, own ids: ${mine.status} ${await mine.text()}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot(other.app.id)).toEqual(otherBefore);
    expect(await crossAppLinks([own.app.id, other.app.id])).toEqual([]);
  });

  it("keeps a draft's filter naming another app's segment, but refuses to launch it or to send it as a notification", async () => {
    const db = getDb();
    const draft = async (segmentId: string) => {
      const response = await send(
        {
          name: "draft",
          handler: createCampaign,
          path: "/api/v1/campaigns",
          body: () => ({
            name: "Filter draft",
            audience: { type: "filter", definition: referencing(segmentId) },
            variants: [{ content }],
          }),
          ok: 201,
        },
        ownIds(),
      );
      // Drafts autosave half-built filters, so this one is kept.
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const launch = (campaignId: string) =>
      callRoute(launchCampaign, {
        path: `/api/v1/campaigns/${campaignId}/launch`,
        params: { campaignId },
        as: { apiKey: own.keys.admin },
      });
    const foreign = await draft(otherIds().segmentId);
    const refused = await launch(foreign);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      errors: [{ field: "audience.definition.root.children.0.segmentId" }],
    });
    expect(await db.campaign.findUniqueOrThrow({ where: { id: foreign } })).toMatchObject({
      status: "draft",
      launchedAt: null,
    });
    // The control: the same draft naming the own app's segment launches.
    const mine = await draft(ownIds().segmentId);
    expect((await launch(mine)).status).toBe(200);

    // A notification is created and launched in one call: refused, it leaves no campaign behind.
    const campaignsBefore = await db.campaign.count({ where: { appId: own.app.id } });
    const notification = await callRoute(sendNotification, {
      path: "/api/v1/notifications",
      as: { apiKey: own.keys.admin },
      body: {
        audience: { type: "filter", definition: referencing(otherIds().segmentId) },
        content,
      },
    });
    expect(notification.status).toBe(400);
    expect(await db.campaign.count({ where: { appId: own.app.id } })).toBe(campaignsBefore);
  });

  it("sends a notification addressed to another app's devices or subscribers to nobody of that app", async () => {
    const db = getDb();
    const otherBefore = await snapshot(other.app.id);
    const audiences = [
      { type: "devices", deviceIds: [otherIds().deviceId] },
      { type: "subscribers", externalIds: [otherIds().externalId] },
      { type: "devices", deviceIds: [otherIds().deviceId, ownIds().deviceId] },
    ];
    for (const audience of audiences) {
      const response = await send(
        {
          name: "notification",
          handler: sendNotification,
          path: "/api/v1/notifications",
          body: () => ({ audience, content }),
          ok: 201,
        },
        ownIds(),
      );
      // Accepted (the ids name nobody of this app) or refused: either way nobody of the other app.
      expect([201, 400, 404]).toContain(response.status);
      if (response.status !== 201) continue;
      const { id } = (await response.json()) as { id: string };
      // What the worker's launch job does, run here: materialise the audience.
      await launchCampaignPhase(id, "main", logger);
      const rows = await db.delivery.findMany({ where: { campaignId: id } });
      expect(rows.every((row) => row.appId === own.app.id)).toBe(true);
      expect(rows.map((row) => row.deviceId?.toString())).not.toContain(otherIds().deviceId);
      if (audience.deviceIds?.includes(ownIds().deviceId)) {
        // The control: the own device in the same list is reached.
        expect(rows.map((row) => row.deviceId?.toString())).toContain(ownIds().deviceId);
      }
    }
    expect(await snapshot(other.app.id)).toEqual(otherBefore);
    expect(await crossAppLinks([own.app.id, other.app.id])).toEqual([]);
  });
});
