import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { compileSegmentFilter } from "@/lib/segments/compile-filter";
import { createSegment } from "@/lib/segments/create-segment";
import { segmentDefinitionSchema } from "@/lib/segments/definition";
import {
  type AudienceFixture,
  buildAudienceFixture,
  countOf,
  definitionOf,
  matchingKeys,
  NOW,
  reachable,
} from "./audience-fixture";

let fixture: AudienceFixture;
let appId: string;

beforeAll(async () => {
  fixture = await buildAudienceFixture();
  appId = fixture.app.id;
});

const attribute = (name: string, valueType: string, match: object) => ({
  type: "attribute",
  attribute: name,
  valueType,
  ...match,
});

type Case = [label: string, condition: object, expected: string[]];

async function expectCases(cases: Case[]) {
  for (const [label, condition, expected] of cases) {
    expect(await matchingKeys(appId, definitionOf(condition)), label).toEqual(expected);
  }
}

describe("segment compiler on real PostgreSQL", () => {
  it("matches everyone reachable with an empty definition, and nobody unreachable", async () => {
    expect(await matchingKeys(appId, definitionOf())).toEqual(reachable);
    const count = await countOf(appId, definitionOf());
    expect(count).toEqual({
      subscribers: 6,
      devices: 7,
      byPlatform: { web: 3, ios: 3, android: 1 },
    });
  });

  it("compares string attributes: exact equality, case-free contains and prefix, lists, presence", async () => {
    await expectCases([
      ["equals", attribute("plan", "string", { op: "equals", value: "pro" }), ["ada"]],
      [
        "not_equals includes the missing and the null",
        attribute("plan", "string", { op: "not_equals", value: "pro" }),
        ["bob", "cyd", "dee", "fay", "gus"],
      ],
      [
        "contains",
        attribute("plan", "string", { op: "contains", value: "R" }),
        ["ada", "bob", "gus"],
      ],
      [
        "not_contains",
        attribute("plan", "string", { op: "not_contains", value: "r" }),
        ["cyd", "dee", "fay"],
      ],
      [
        "starts_with",
        attribute("plan", "string", { op: "starts_with", value: "P" }),
        ["ada", "gus"],
      ],
      ["in", attribute("plan", "string", { op: "in", values: ["pro", "vip"] }), ["ada", "cyd"]],
      [
        "not_in",
        attribute("plan", "string", { op: "not_in", values: ["pro", "vip"] }),
        ["bob", "dee", "fay", "gus"],
      ],
      [
        "exists (JSON null is absent)",
        attribute("plan", "string", { op: "exists" }),
        ["ada", "bob", "cyd", "gus"],
      ],
      ["not_exists", attribute("plan", "string", { op: "not_exists" }), ["dee", "fay"]],
    ]);
  });

  it("compares number attributes only with JSON numbers", async () => {
    await expectCases([
      ["equals", attribute("age", "number", { op: "equals", value: 36 }), ["ada"]],
      [
        "not_equals",
        attribute("age", "number", { op: "not_equals", value: 36 }),
        ["bob", "cyd", "dee", "fay", "gus"],
      ],
      ["gt", attribute("age", "number", { op: "gt", value: 17 }), ["ada", "cyd"]],
      ["gte", attribute("age", "number", { op: "gte", value: 17 }), ["ada", "bob", "cyd"]],
      ["lt", attribute("age", "number", { op: "lt", value: 17 }), ["fay"]],
      ["lte", attribute("age", "number", { op: "lte", value: 17 }), ["bob", "fay"]],
      ["decimals", attribute("age", "number", { op: "gt", value: 52.49 }), ["cyd"]],
      [
        "between is inclusive",
        attribute("age", "number", { op: "between", from: 17, to: 36 }),
        ["ada", "bob"],
      ],
      ["in", attribute("age", "number", { op: "in", values: [0, 52.5] }), ["cyd", "fay"]],
      [
        "not_in",
        attribute("age", "number", { op: "not_in", values: [0, 52.5] }),
        ["ada", "bob", "dee", "gus"],
      ],
      ["exists", attribute("age", "number", { op: "exists" }), ["ada", "bob", "cyd", "fay", "gus"]],
      ["not_exists", attribute("age", "number", { op: "not_exists" }), ["dee"]],
    ]);
  });

  it("compares booleans by their text, so the string TRUE counts as true", async () => {
    await expectCases([
      ["is true", attribute("vip", "boolean", { op: "is", value: true }), ["ada", "gus"]],
      ["is false", attribute("vip", "boolean", { op: "is", value: false }), ["bob", "fay"]],
      ["exists", attribute("vip", "boolean", { op: "exists" }), ["ada", "bob", "fay", "gus"]],
    ]);
  });

  it("reads date attributes as UTC days or instants, ignoring strings that are no real date", async () => {
    await expectCases([
      ["before", attribute("signup", "date", { op: "before", value: "2025-01-01" }), ["ada"]],
      [
        "after a day starts the next day",
        attribute("signup", "date", { op: "after", value: "2026-05-31" }),
        ["bob"],
      ],
      [
        "after the day itself",
        attribute("signup", "date", { op: "after", value: "2026-06-01" }),
        [],
      ],
      ["on", attribute("signup", "date", { op: "on", value: "2026-06-01" }), ["bob"]],
      [
        "between includes the last day",
        attribute("signup", "date", { op: "between", from: "2024-01-10", to: "2026-06-01" }),
        ["ada", "bob"],
      ],
      [
        "in the last 30 days",
        attribute("signup", "date", { op: "in_last", amount: 30, unit: "days" }),
        ["bob"],
      ],
      [
        "more than a year ago",
        attribute("signup", "date", { op: "more_than_ago", amount: 52, unit: "weeks" }),
        ["ada"],
      ],
      [
        "exists counts any value",
        attribute("signup", "date", { op: "exists" }),
        ["ada", "bob", "cyd", "fay"],
      ],
      ["not_exists", attribute("signup", "date", { op: "not_exists" }), ["dee", "gus"]],
    ]);
  });

  it("filters on tags", async () => {
    await expectCases([
      ["has", { type: "tag", op: "has", value: "newsletter" }, ["ada", "bob"]],
      [
        "not_has",
        { type: "tag", op: "not_has", value: "newsletter" },
        ["cyd", "dee", "fay", "gus"],
      ],
      ["has_any", { type: "tag", op: "has_any", values: ["beta", "vip"] }, ["ada", "fay"]],
      ["has_all", { type: "tag", op: "has_all", values: ["newsletter", "beta"] }, ["ada"]],
      [
        "has_none",
        { type: "tag", op: "has_none", values: ["beta", "vip"] },
        ["bob", "cyd", "dee", "gus"],
      ],
    ]);
  });

  it("filters on country, locale and time zone", async () => {
    await expectCases([
      ["country equals is exact", { type: "country", op: "equals", value: "FR" }, ["ada"]],
      ["country in", { type: "country", op: "in", values: ["FR", "DE"] }, ["ada", "bob"]],
      [
        "country not_in",
        { type: "country", op: "not_in", values: ["FR"] },
        ["bob", "cyd", "dee", "fay", "gus"],
      ],
      [
        "country starts_with ignores case",
        { type: "country", op: "starts_with", value: "f" },
        ["ada", "gus"],
      ],
      ["country not_exists", { type: "country", op: "not_exists" }, ["dee"]],
      ["locale starts_with", { type: "locale", op: "starts_with", value: "en" }, ["cyd", "fay"]],
      ["locale exists", { type: "locale", op: "exists" }, ["ada", "bob", "cyd", "fay"]],
      ["timezone equals", { type: "timezone", op: "equals", value: "Europe/Paris" }, ["ada"]],
      ["timezone contains", { type: "timezone", op: "contains", value: "america" }, ["cyd"]],
    ]);
  });

  it("selects devices by platform and opt-in date, counting subscribers and devices apart", async () => {
    await expectCases([
      ["platform in", { type: "platform", op: "in", values: ["ios"] }, ["ada", "cyd", "fay"]],
      [
        "platform not_in keeps cyd's iOS device",
        { type: "platform", op: "not_in", values: ["web"] },
        ["ada", "bob", "cyd", "fay"],
      ],
      [
        "opted in more than 30 days ago",
        { type: "opted_in", op: "more_than_ago", amount: 30, unit: "days" },
        ["ada", "cyd", "fay"],
      ],
      [
        "opted in this week",
        { type: "opted_in", op: "in_last", amount: 7, unit: "days" },
        ["bob", "cyd"],
      ],
      ["opt-in date unknown", { type: "opted_in", op: "not_exists" }, ["dee"]],
    ]);
    expect(
      await countOf(
        appId,
        definitionOf({ type: "opted_in", op: "in_last", amount: 7, unit: "days" }),
      ),
    ).toEqual({ subscribers: 2, devices: 2, byPlatform: { web: 0, ios: 1, android: 1 } });
    expect(
      await countOf(appId, definitionOf({ type: "platform", op: "not_in", values: ["web"] })),
    ).toEqual({ subscribers: 4, devices: 4, byPlatform: { web: 0, ios: 3, android: 1 } });
  });

  it("filters on subscription status across a subscriber's devices", async () => {
    await expectCases([
      [
        "has an opted-out device",
        { type: "subscription", op: "has", status: "unsubscribed" },
        ["ada"],
      ],
      [
        "has no opted-out device",
        { type: "subscription", op: "has_no", status: "unsubscribed" },
        ["bob", "cyd", "dee", "fay", "gus"],
      ],
      [
        "has an invalid device (only the unreachable eve)",
        { type: "subscription", op: "has", status: "invalid" },
        [],
      ],
    ]);
  });

  it("filters on lifecycle: first seen, last seen, inactive, new", async () => {
    await expectCases([
      [
        "new in the last 7 days",
        { type: "first_seen", op: "in_last", amount: 7, unit: "days" },
        ["bob"],
      ],
      [
        "first seen before",
        { type: "first_seen", op: "before", value: "2026-01-01" },
        ["ada", "cyd"],
      ],
      [
        "inactive for 30 days",
        { type: "last_seen", op: "more_than_ago", amount: 30, unit: "days" },
        ["cyd"],
      ],
      [
        "seen this week",
        { type: "last_seen", op: "in_last", amount: 1, unit: "weeks" },
        ["ada", "bob", "gus"],
      ],
      [
        "seen in the last 12 hours",
        { type: "last_seen", op: "in_last", amount: 12, unit: "hours" },
        ["bob"],
      ],
      [
        "last seen between two days",
        { type: "last_seen", op: "between", from: "2026-05-20", to: "2026-06-01" },
        ["fay"],
      ],
      [
        "last seen after an instant",
        { type: "last_seen", op: "after", value: "2026-06-15T09:00:00+02:00" },
        ["bob"],
      ],
    ]);
  });

  it("counts events: did, did not, at least, at most, windows, properties and revenue", async () => {
    const event = (match: object) => ({ type: "event", event: "purchase", ...match });
    const last30 = { type: "last", amount: 30, unit: "days" };
    await expectCases([
      ["did", event({ op: "did" }), ["ada", "bob", "cyd"]],
      ["did not", event({ op: "did_not" }), ["dee", "fay", "gus"]],
      ["did within 30 days", event({ op: "did", within: last30 }), ["ada", "bob"]],
      [
        "did not within 30 days",
        event({ op: "did_not", within: last30 }),
        ["cyd", "dee", "fay", "gus"],
      ],
      ["at least 2", event({ op: "at_least", count: 2 }), ["ada"]],
      ["at least 2 within 30 days", event({ op: "at_least", count: 2, within: last30 }), ["ada"]],
      ["at least 3 within 30 days", event({ op: "at_least", count: 3, within: last30 }), []],
      ["at most 1", event({ op: "at_most", count: 1 }), ["bob", "cyd", "dee", "fay", "gus"]],
      ["at most 0", event({ op: "at_most", count: 0 }), ["dee", "fay", "gus"]],
      [
        "at least 5 sessions this week",
        {
          type: "event",
          event: "session_start",
          op: "at_least",
          count: 5,
          within: { type: "last", amount: 7, unit: "days" },
        },
        ["dee"],
      ],
      [
        "with a string property",
        event({
          op: "did",
          where: [{ property: "product", valueType: "string", op: "equals", value: "shoes" }],
        }),
        ["ada"],
      ],
      [
        "with a number property",
        event({
          op: "did",
          where: [{ property: "size", valueType: "number", op: "gt", value: 40 }],
        }),
        ["ada"],
      ],
      [
        "revenue sum at least 100",
        event({ op: "did", revenue: { op: "gte", value: 100 } }),
        ["ada", "cyd"],
      ],
      [
        "revenue sum within the window",
        event({ op: "did", within: last30, revenue: { op: "gt", value: 50 } }),
        ["ada"],
      ],
      [
        "revenue sum at least 100 within 30 days",
        event({ op: "did", within: last30, revenue: { op: "gte", value: 100 } }),
        [],
      ],
      [
        "revenue between",
        event({ op: "did", revenue: { op: "between", from: 5, to: 20 } }),
        ["bob"],
      ],
      [
        "did not spend 100",
        event({ op: "did_not", revenue: { op: "gte", value: 100 } }),
        ["bob", "dee", "fay", "gus"],
      ],
      [
        "between two days",
        event({ op: "did", within: { type: "between", from: "2026-05-01", to: "2026-06-10" } }),
        ["ada"],
      ],
    ]);
  });

  it("filters on push engagement from the delivery rows", async () => {
    const push = (match: object) => ({ type: "push", ...match });
    const lastWeek = { type: "last", amount: 7, unit: "days" };
    await expectCases([
      ["opened this week", push({ metric: "opened", op: "did", within: lastWeek }), ["ada"]],
      ["opened ever", push({ metric: "opened", op: "did" }), ["ada", "cyd"]],
      [
        "did not open this week",
        push({ metric: "opened", op: "did_not", within: lastWeek }),
        ["bob", "cyd", "dee", "fay", "gus"],
      ],
      [
        "received 3+ this week",
        push({ metric: "received", op: "at_least", count: 3, within: lastWeek }),
        ["ada"],
      ],
      [
        "received any this week",
        push({ metric: "received", op: "did", within: lastWeek }),
        ["ada", "bob"],
      ],
      [
        "received at most 1 this week",
        push({ metric: "received", op: "at_most", count: 1, within: lastWeek }),
        ["bob", "cyd", "dee", "fay", "gus"],
      ],
    ]);
  });

  it("nests AND, OR and NOT groups, treating a missing value as false under NOT", async () => {
    const or = (...children: object[]) => ({ type: "group", combinator: "or", children });
    const and = (...children: object[]) => ({ type: "group", combinator: "and", children });
    const not = (group: object) => ({ ...group, negate: true });
    const cases: Case[] = [
      [
        "OR",
        or(
          { type: "country", op: "equals", value: "DE" },
          { type: "tag", op: "has", value: "vip" },
        ),
        ["bob", "fay"],
      ],
      [
        "NOT keeps those without the value",
        not(and(attribute("plan", "string", { op: "in", values: ["pro", "vip"] }))),
        ["bob", "dee", "fay", "gus"],
      ],
      [
        "AND of OR of NOT",
        and(
          { type: "event", event: "purchase", op: "did" },
          or(
            { type: "country", op: "equals", value: "FR" },
            not(and({ type: "tag", op: "has", value: "newsletter" })),
          ),
        ),
        ["ada", "cyd"],
      ],
      [
        "three levels, device and profile conditions mixed",
        or(
          and(attribute("plan", "string", { op: "equals", value: "pro" }), {
            type: "country",
            op: "equals",
            value: "FR",
          }),
          and(
            { type: "platform", op: "in", values: ["web"] },
            { type: "last_seen", op: "in_last", amount: 7, unit: "days" },
          ),
        ),
        ["ada", "gus"],
      ],
      [
        "NOT of a NOT",
        not(and(not(and({ type: "tag", op: "has", value: "newsletter" })))),
        ["ada", "bob"],
      ],
    ];
    await expectCases(cases);
    const nested = definitionOf(cases[3]?.[1]);
    expect(await countOf(appId, nested)).toEqual({
      subscribers: 2,
      devices: 2,
      byPlatform: { web: 1, ios: 1, android: 0 },
    });
    const negatedRoot = {
      version: 1,
      root: { type: "group", combinator: "and", negate: true, children: [] },
    };
    expect(await matchingKeys(appId, negatedRoot)).toEqual([]);
  });

  it("includes and excludes other segments of the same app", async () => {
    const actor = {
      kind: "user" as const,
      userId: fixture.app.owner.id,
      email: fixture.app.owner.email,
    };
    const buyers = await createSegment(
      appId,
      {
        name: "Buyers",
        definition: segmentDefinitionSchema.parse(
          definitionOf({ type: "event", event: "purchase", op: "did" }),
        ),
      },
      actor,
    );
    const frenchBuyers = await createSegment(
      appId,
      {
        name: "French buyers",
        definition: segmentDefinitionSchema.parse(
          definitionOf(
            { type: "segment", op: "in", segmentId: buyers.id },
            { type: "country", op: "equals", value: "FR" },
          ),
        ),
      },
      actor,
    );
    await expectCases([
      ["in", { type: "segment", op: "in", segmentId: buyers.id }, ["ada", "bob", "cyd"]],
      ["not in", { type: "segment", op: "not_in", segmentId: buyers.id }, ["dee", "fay", "gus"]],
      ["through two levels", { type: "segment", op: "in", segmentId: frenchBuyers.id }, ["ada"]],
    ]);
  });

  it("never counts another app's subscribers, events or segments", async () => {
    // The other app has a subscriber matching all of these, with a purchase.
    expect(await countOf(fixture.otherApp.id, definitionOf())).toMatchObject({ subscribers: 1 });
    await expectCases([
      ["did purchase", { type: "event", event: "purchase", op: "did" }, ["ada", "bob", "cyd"]],
      [
        "spent 5000",
        { type: "event", event: "purchase", op: "did", revenue: { op: "gte", value: 5000 } },
        [],
      ],
    ]);
    const actor = {
      kind: "user" as const,
      userId: fixture.otherApp.owner.id,
      email: fixture.otherApp.owner.email,
    };
    const foreign = await createSegment(
      fixture.otherApp.id,
      { name: "Everyone there", definition: segmentDefinitionSchema.parse(definitionOf()) },
      actor,
    );
    const error = await compileSegmentFilter(
      appId,
      definitionOf(
        { type: "tag", op: "has", value: "x" },
        { type: "segment", op: "in", segmentId: foreign.id },
      ),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details.fields).toEqual([
      { field: "definition.root.children.1.segmentId", message: "no such segment" },
    ]);
  });

  it("binds SQL fragments and quotes as values, so they match only themselves", async () => {
    const literals = [
      ["O'Brien; DROP TABLE subscribers;--", ["bob"]],
      ['\\" OR 1=1 --', ["cyd"]],
      ["$1::text", ["fay"]],
      ["%", ["gus"]],
      ["Ada%_", ["ada"]],
      ["' OR '1'='1", []],
    ] as const;
    for (const [value, expected] of literals) {
      const definition = definitionOf(attribute("nickname", "string", { op: "equals", value }));
      expect(await matchingKeys(appId, definition), value).toEqual(expected);
      const sql = await compileSegmentFilter(appId, definition, { now: NOW });
      expect(sql.sql).not.toContain(value);
      expect(sql.values).toContain(value);
    }
    await expectCases([
      // LIKE wildcards would match everyone; strpos takes them literally.
      [
        "contains %",
        attribute("nickname", "string", { op: "contains", value: "%" }),
        ["ada", "gus"],
      ],
      ["contains _", attribute("nickname", "string", { op: "contains", value: "_" }), ["ada"]],
      [
        "starts with a backslash",
        attribute("nickname", "string", { op: "starts_with", value: "\\" }),
        ["cyd"],
      ],
      [
        "in, with quotes",
        attribute("nickname", "string", {
          op: "in",
          values: ["O'Brien; DROP TABLE subscribers;--", "' OR 1=1"],
        }),
        ["bob"],
      ],
      ["a key that is SQL", attribute("nickname' OR 1=1 --", "string", { op: "exists" }), []],
      ["a tag that is SQL", { type: "tag", op: "has", value: "x') OR true --" }, []],
      ["an event name that is SQL", { type: "event", event: "purchase' OR '1'='1", op: "did" }, []],
      ["a country that is SQL", { type: "country", op: "equals", value: "FR' OR 'x'='x" }, []],
    ]);
    expect(await getDb().subscriber.count({ where: { appId } })).toBe(7);
  });

  it("evaluates relative windows from one instant", async () => {
    const later = new Date(NOW.getTime() + 40 * 24 * 3600 * 1000);
    const definition = definitionOf({ type: "last_seen", op: "in_last", amount: 30, unit: "days" });
    const condition = await compileSegmentFilter(appId, definition, { now: later });
    const rows = await getDb().$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM devices d JOIN subscribers s ON s.id = d."subscriberId"
      WHERE d."appId" = ${appId} AND d.status = 'active' AND ${condition}`;
    // Forty days on, nobody has been seen in the last thirty.
    expect(Number(rows[0]?.n)).toBe(0);
  });
});
