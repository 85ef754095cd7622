import { beforeAll, describe, expect, it } from "vitest";
import {
  DELETE as deleteSegmentRoute,
  GET as getSegmentRoute,
  PATCH as patchSegmentRoute,
} from "@/app/api/v1/segments/[segmentId]/route";
import { GET as fieldsRoute } from "@/app/api/v1/segments/fields/route";
import { POST as previewRoute } from "@/app/api/v1/segments/preview/route";
import { POST as createSegmentRoute, GET as listSegmentsRoute } from "@/app/api/v1/segments/route";
import { getDb } from "@/lib/db/client";
import type { ProblemBody } from "@/lib/http/problem";
import type { SegmentFieldsDto } from "@/lib/segments/discover-fields";
import type { SegmentPreviewDto } from "@/lib/segments/preview-segment";
import type { SegmentDto, SegmentSummaryDto } from "@/lib/segments/segment-dto";
import {
  addMember,
  createTestApiKey,
  createTestApp,
  type TestApp,
} from "@/tests/support/factories";
import { type CallOptions, callRoute, json } from "@/tests/support/http";
import { type AudienceFixture, buildAudienceFixture, definitionOf } from "./audience-fixture";

type As = CallOptions["as"];

const purchasers = definitionOf({ type: "event", event: "purchase", op: "did" });

function createSegment(app: TestApp, body: unknown, as: As = { user: app.owner }) {
  return callRoute(createSegmentRoute, { path: `/api/v1/segments?appId=${app.id}`, as, body });
}

function segmentRoute(
  handler: typeof getSegmentRoute,
  app: TestApp,
  segmentId: string,
  options: { method?: string; body?: unknown; as?: As } = {},
) {
  return callRoute(handler, {
    method: options.method,
    path: `/api/v1/segments/${segmentId}?appId=${app.id}`,
    params: { segmentId },
    body: options.body,
    as: options.as ?? { user: app.owner },
  });
}

async function created(app: TestApp, name: string, definition: unknown = purchasers) {
  const response = await createSegment(app, { name, definition });
  expect(response.status, name).toBe(201);
  return json<SegmentDto>(response);
}

let fixture: AudienceFixture;

beforeAll(async () => {
  fixture = await buildAudienceFixture();
});

describe("segments API", () => {
  it("creates, lists, reads, updates and deletes a segment", async () => {
    const app = await createTestApp();
    const segment = await created(app, "Buyers");
    expect(segment).toMatchObject({
      name: "Buyers",
      description: null,
      definition: purchasers,
      usedBy: { campaigns: [], segments: [] },
    });

    const list = await json<{ data: SegmentSummaryDto[] }>(
      await callRoute(listSegmentsRoute, {
        path: `/api/v1/segments?appId=${app.id}`,
        as: { user: app.owner },
      }),
    );
    expect(list.data).toEqual([
      expect.objectContaining({
        id: segment.id,
        name: "Buyers",
        conditionCount: 1,
        activeCampaignCount: 0,
      }),
    ]);

    const patched = await segmentRoute(patchSegmentRoute, app, segment.id, {
      method: "PATCH",
      body: {
        name: "Recent buyers",
        description: "Bought in the last 30 days",
        definition: definitionOf({
          type: "event",
          event: "purchase",
          op: "did",
          within: { type: "last", amount: 30, unit: "days" },
        }),
      },
    });
    expect(patched.status).toBe(200);
    expect(await json<SegmentDto>(patched)).toMatchObject({
      name: "Recent buyers",
      description: "Bought in the last 30 days",
    });

    const removed = await segmentRoute(deleteSegmentRoute, app, segment.id, { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect((await segmentRoute(getSegmentRoute, app, segment.id)).status).toBe(404);
    const audit = await getDb().auditLogEntry.findMany({
      where: { appId: app.id, targetId: segment.id },
      orderBy: { id: "asc" },
    });
    expect(audit.map((entry) => entry.action)).toEqual([
      "segment.created",
      "segment.updated",
      "segment.deleted",
    ]);
  });

  it("pages the list with a cursor", async () => {
    const app = await createTestApp();
    for (const name of ["One", "Two", "Three"]) await created(app, name);
    const page = (cursor?: string) =>
      callRoute(listSegmentsRoute, {
        path: `/api/v1/segments?appId=${app.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        as: { user: app.owner },
      }).then((response) =>
        json<{ data: SegmentSummaryDto[]; nextCursor: string | null }>(response),
      );
    const first = await page();
    expect(first.data.map((segment) => segment.name)).toEqual(["Three", "Two"]);
    const second = await page(first.nextCursor ?? "");
    expect(second).toMatchObject({
      data: [expect.objectContaining({ name: "One" })],
      nextCursor: null,
    });
  });

  it("refuses a bad definition with the path of the bad node, and a taken name", async () => {
    const app = await createTestApp();
    const response = await createSegment(app, {
      name: "Broken",
      definition: definitionOf(
        { type: "tag", op: "has", value: "vip" },
        {
          type: "group",
          combinator: "or",
          children: [
            { type: "last_seen", op: "in_last", amount: 0, unit: "days" },
            { type: "attribute", attribute: "plan", valueType: "string", op: "in", values: [] },
          ],
        },
        { type: "event", event: "purchase", op: "at_least" },
      ),
    });
    expect(response.status).toBe(400);
    const problem = await json<ProblemBody>(response);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(problem.errors?.map((error) => [error.field, error.detail])).toEqual([
      ["definition.root.children.1.children.0.amount", "must be at least 1"],
      ["definition.root.children.1.children.1.values", "pick at least one value"],
      ["definition.root.children.2.count", "is required"],
    ]);
    expect(problem.errors?.[0]?.pointer).toBe("#/definition/root/children/1/children/0/amount");

    await created(app, "Taken");
    const clash = await createSegment(app, { name: "Taken", definition: purchasers });
    expect(clash.status).toBe(409);
    expect((await json<ProblemBody>(clash)).errors?.[0]?.field).toBe("name");
  });

  it("refuses to delete a segment a live campaign or another segment uses, naming them", async () => {
    const app = await createTestApp();
    const segment = await created(app, "Loyal");
    const campaign = await getDb().campaign.create({
      data: {
        appId: app.id,
        name: "Win-back",
        status: "scheduled",
        segmentId: segment.id,
        audience: { type: "segment", segmentId: segment.id },
      },
    });
    const usedBy = await json<SegmentDto>(await segmentRoute(getSegmentRoute, app, segment.id));
    expect(usedBy.usedBy.campaigns).toEqual([
      { id: campaign.id, name: "Win-back", status: "scheduled", isFinished: false },
    ]);
    const refused = await segmentRoute(deleteSegmentRoute, app, segment.id, { method: "DELETE" });
    expect(refused.status).toBe(409);
    expect((await json<ProblemBody>(refused)).detail).toBe(
      "Segment “Loyal” is used by a campaign that has not finished: “Win-back”",
    );

    await getDb().campaign.update({ where: { id: campaign.id }, data: { status: "completed" } });
    const parent = await created(
      app,
      "Loyal and French",
      definitionOf({ type: "segment", op: "in", segmentId: segment.id }),
    );
    const stillRefused = await segmentRoute(deleteSegmentRoute, app, segment.id, {
      method: "DELETE",
    });
    expect(stillRefused.status).toBe(409);
    expect((await json<ProblemBody>(stillRefused)).detail).toContain("“Loyal and French”");

    await segmentRoute(deleteSegmentRoute, app, parent.id, { method: "DELETE" });
    expect(
      (await segmentRoute(deleteSegmentRoute, app, segment.id, { method: "DELETE" })).status,
    ).toBe(204);
    // The finished campaign keeps its history; only the link is gone.
    expect(await getDb().campaign.findUnique({ where: { id: campaign.id } })).toMatchObject({
      segmentId: null,
    });
  });

  it("refuses references to itself, in a loop, or to a missing segment", async () => {
    const app = await createTestApp();
    const a = await created(app, "A");
    const b = await created(app, "B", definitionOf({ type: "segment", op: "in", segmentId: a.id }));
    const loop = await segmentRoute(patchSegmentRoute, app, a.id, {
      method: "PATCH",
      body: {
        definition: definitionOf(
          { type: "tag", op: "has", value: "x" },
          { type: "segment", op: "not_in", segmentId: b.id },
        ),
      },
    });
    expect(loop.status).toBe(400);
    expect((await json<ProblemBody>(loop)).errors).toEqual([
      expect.objectContaining({
        field: "definition.root.children.1.segmentId",
        detail: "refers back to this segment through other segments",
      }),
    ]);
    const itself = await segmentRoute(patchSegmentRoute, app, a.id, {
      method: "PATCH",
      body: { definition: definitionOf({ type: "segment", op: "in", segmentId: a.id }) },
    });
    expect((await json<ProblemBody>(itself)).errors?.[0]?.detail).toBe(
      "a segment cannot contain itself",
    );
    const missing = await createSegment(app, {
      name: "Ghost",
      definition: definitionOf({ type: "segment", op: "in", segmentId: "cmnosuchsegment" }),
    });
    expect((await json<ProblemBody>(missing)).errors?.[0]).toMatchObject({
      field: "definition.root.children.0.segmentId",
      detail: "no such segment",
    });
  });

  it("keeps segments inside their app", async () => {
    const [app, other] = await Promise.all([createTestApp(), createTestApp()]);
    const foreign = await created(other, "Theirs");
    for (const [handler, method] of [
      [getSegmentRoute, "GET"],
      [patchSegmentRoute, "PATCH"],
      [deleteSegmentRoute, "DELETE"],
    ] as const) {
      const response = await segmentRoute(handler, app, foreign.id, {
        method,
        body: method === "PATCH" ? { name: "Mine now" } : undefined,
      });
      expect(response.status, method).toBe(404);
    }
    const key = await createTestApiKey(app, ["admin"]);
    const viaKey = await callRoute(getSegmentRoute, {
      path: `/api/v1/segments/${foreign.id}`,
      params: { segmentId: foreign.id },
      as: { apiKey: key },
    });
    expect(viaKey.status).toBe(404);
    const listed = await json<{ data: SegmentSummaryDto[] }>(
      await callRoute(listSegmentsRoute, { path: "/api/v1/segments", as: { apiKey: key } }),
    );
    expect(listed.data).toEqual([]);
    expect((await getDb().segment.findUnique({ where: { id: foreign.id } }))?.name).toBe("Theirs");
  });

  it("lets readers read and writers write, by role and by API key scope", async () => {
    const app = await createTestApp();
    const analyst = await addMember(app.id, "analyst");
    const marketer = await addMember(app.id, "marketer");
    const body = { name: "By role", definition: purchasers };
    expect((await createSegment(app, body, { user: analyst })).status).toBe(403);
    const made = await createSegment(app, body, { user: marketer });
    expect(made.status).toBe(201);
    const { id } = await json<SegmentDto>(made);
    expect((await segmentRoute(getSegmentRoute, app, id, { as: { user: analyst } })).status).toBe(
      200,
    );

    const readKey = await createTestApiKey(app, ["read"]);
    const adminKey = await createTestApiKey(app, ["admin"]);
    const ingestKey = await createTestApiKey(app, ["ingest"]);
    expect((await segmentRoute(getSegmentRoute, app, id, { as: { apiKey: readKey } })).status).toBe(
      200,
    );
    expect(
      (await segmentRoute(getSegmentRoute, app, id, { as: { apiKey: ingestKey } })).status,
    ).toBe(403);
    expect((await createSegment(app, { ...body, name: "Key" }, { apiKey: readKey })).status).toBe(
      403,
    );
    expect((await createSegment(app, { ...body, name: "Key" }, { apiKey: adminKey })).status).toBe(
      201,
    );
    const preview = await callRoute(previewRoute, {
      path: "/api/v1/segments/preview",
      as: { apiKey: readKey },
      body: { definition: purchasers },
    });
    expect(preview.status).toBe(200);
  });

  it("previews a definition: subscriber count, devices by platform and a sample", async () => {
    const { app } = fixture;
    const response = await callRoute(previewRoute, {
      path: `/api/v1/segments/preview?appId=${app.id}`,
      as: { user: app.owner },
      body: {
        definition: definitionOf(
          { type: "tag", op: "has_any", values: ["newsletter", "vip"] },
          { type: "platform", op: "in", values: ["ios", "android"] },
        ),
      },
    });
    expect(response.status).toBe(200);
    const preview = await json<SegmentPreviewDto>(response);
    expect(preview).toMatchObject({
      count: 3,
      subscribers: 3,
      devices: 3,
      byPlatform: { web: 0, ios: 2, android: 1 },
    });
    expect(preview.sample.map((subscriber) => subscriber.externalId).sort()).toEqual([
      "ada",
      "bob",
      "fay",
    ]);
    expect(preview.sample.find((subscriber) => subscriber.externalId === "ada")).toMatchObject({
      country: "FR",
      platforms: ["ios"],
    });
    const saved = await created(app, "Newsletter on mobile", {
      version: 1,
      root: {
        type: "group",
        combinator: "and",
        children: [
          { type: "tag", op: "has_any", values: ["newsletter", "vip"] },
          { type: "platform", op: "in", values: ["ios", "android"] },
        ],
      },
    });
    const bySavedId = await callRoute(previewRoute, {
      path: `/api/v1/segments/preview?appId=${app.id}`,
      as: { user: app.owner },
      body: { segmentId: saved.id },
    });
    expect(await json<SegmentPreviewDto>(bySavedId)).toMatchObject({ count: 3 });
    const bad = await callRoute(previewRoute, {
      path: `/api/v1/segments/preview?appId=${app.id}`,
      as: { user: app.owner },
      body: { definition: definitionOf({ type: "platform", op: "in", values: ["fax"] }) },
    });
    expect((await json<ProblemBody>(bad)).errors?.[0]?.field).toBe(
      "definition.root.children.0.values.0",
    );
  });

  it("discovers attribute names and types, event names and properties, tags and countries", async () => {
    const { app } = fixture;
    const response = await callRoute(fieldsRoute, {
      path: `/api/v1/segments/fields?appId=${app.id}`,
      as: { user: app.owner },
    });
    expect(response.status).toBe(200);
    const fields = await json<SegmentFieldsDto>(response);
    const attribute = (name: string) => fields.attributes.find((entry) => entry.name === name);
    expect(attribute("plan")).toMatchObject({
      type: "string",
      values: ["Pro", "free", "pro", "vip"],
    });
    expect(attribute("age")?.type).toBe("number");
    expect(attribute("vip")?.type).toBe("boolean");
    expect(fields.events.map((event) => event.name)).toEqual([
      "added_to_cart",
      "purchase",
      "session_start",
    ]);
    expect(fields.events.find((event) => event.name === "purchase")).toEqual({
      name: "purchase",
      properties: [
        { name: "product", type: "string" },
        { name: "size", type: "number" },
      ],
      hasRevenue: true,
    });
    expect(fields.tags).toEqual(expect.arrayContaining(["newsletter", "beta", "vip"]));
    expect(fields.countries[0]).toBe("FR");
    expect(fields.sampledSubscribers).toBe(7);
  });
});
