import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { compileSegmentDefinition } from "@/lib/segments/compile/compile-definition";
import { dateComparisonRange, timeWindowRange } from "@/lib/segments/compile/time-range";
import { segmentDefinitionSchema } from "@/lib/segments/definition";
import { segmentLimits } from "@/lib/segments/definition-limits";
import { isIsoDate, parseIsoInstant } from "@/lib/segments/iso-date";
import { parseSegmentDefinition } from "@/lib/segments/parse-definition";

const and = (...children: unknown[]) => ({ type: "group", combinator: "and", children });
const definition = (...children: unknown[]) => ({ version: 1, root: and(...children) });

/** The fields a bad definition is blamed on, as the API answers them. */
function blamed(input: unknown): { field: string; message: string }[] {
  try {
    parseSegmentDefinition(input);
  } catch (error) {
    if (error instanceof AppError) return error.details.fields ?? [];
    throw error;
  }
  throw new Error("the definition was accepted");
}

describe("segment definition validation", () => {
  it("accepts every kind of condition, nested", () => {
    const everything = definition(
      { type: "attribute", attribute: "plan", valueType: "string", op: "in", values: ["pro"] },
      { type: "attribute", attribute: "ltv", valueType: "number", op: "between", from: 1, to: 9 },
      { type: "attribute", attribute: "vip", valueType: "boolean", op: "is", value: true },
      {
        type: "attribute",
        attribute: "renews",
        valueType: "date",
        op: "in_last",
        amount: 3,
        unit: "weeks",
      },
      { type: "tag", op: "has_any", values: ["beta"] },
      { type: "platform", op: "not_in", values: ["web"] },
      { type: "country", op: "equals", value: "FR" },
      { type: "locale", op: "starts_with", value: "fr" },
      { type: "timezone", op: "exists" },
      { type: "subscription", op: "has_no", status: "unsubscribed" },
      { type: "opted_in", op: "more_than_ago", amount: 30, unit: "days" },
      { type: "first_seen", op: "after", value: "2025-01-01" },
      {
        type: "group",
        combinator: "or",
        negate: true,
        children: [
          { type: "last_seen", op: "between", from: "2025-01-01", to: "2025-02-01T10:00:00+01:00" },
          {
            type: "event",
            event: "purchase",
            op: "at_least",
            count: 2,
            within: { type: "last", amount: 30, unit: "days" },
            where: [{ property: "product", valueType: "string", op: "equals", value: "shoes" }],
            revenue: { op: "gte", value: 100 },
          },
          {
            type: "push",
            metric: "opened",
            op: "did_not",
            within: { type: "last", amount: 7, unit: "days" },
          },
          { type: "segment", op: "not_in", segmentId: "cm0abc" },
        ],
      },
    );
    expect(segmentDefinitionSchema.safeParse(everything).success).toBe(true);
  });

  it("blames the exact node and field of each mistake", () => {
    expect(
      blamed(
        definition(
          { type: "tag", op: "has", value: "ok" },
          {
            type: "group",
            combinator: "or",
            children: [{ type: "country", op: "equals", value: 7 }],
          },
          { type: "attribute", attribute: "age", valueType: "number", op: "gt", value: "ten" },
          { type: "attribute", attribute: "age", valueType: "number", op: "contains", value: "1" },
          { type: "bogus" },
          {
            type: "event",
            event: "purchase",
            op: "at_most",
            count: 1,
            revenue: { op: "gt", value: 1 },
          },
          { type: "first_seen", op: "exists" },
          { type: "last_seen", op: "on", value: "2025-02-30" },
          { type: "attribute", attribute: "n", valueType: "number", op: "between", from: 9, to: 1 },
          { type: "group", combinator: "and", children: [] },
        ),
      ),
    ).toEqual([
      {
        field: "definition.root.children.1.children.0.value",
        message: "must be a string",
      },
      { field: "definition.root.children.2.value", message: "must be a number" },
      {
        field: "definition.root.children.3.op",
        message:
          "must be one of: equals, not_equals, gt, gte, lt, lte, between, in, not_in, exists, not_exists",
      },
      {
        field: "definition.root.children.4.type",
        message: expect.stringMatching(/^must be one of: group, attribute, tag, /),
      },
      { field: "definition.root.children.5", message: "Unknown field: revenue" },
      {
        field: "definition.root.children.6.op",
        message: "must be one of: before, after, on, between, in_last, more_than_ago",
      },
      {
        field: "definition.root.children.7.value",
        message: "must be a date (2025-05-01) or an ISO 8601 date-time",
      },
      {
        field: "definition.root.children.8.to",
        message: "must not be before the start of the range",
      },
      {
        field: "definition.root.children.9.children",
        message: "add a condition to this group or remove it",
      },
    ]);
  });

  it("refuses a wrong version, unknown fields and a root that is not a group", () => {
    expect(blamed({ version: 2, root: and() })).toEqual([
      { field: "definition.version", message: "must be 1" },
    ]);
    expect(blamed({ ...definition(), extra: true })[0]?.field).toBe("definition");
    expect(blamed({ version: 1, root: { type: "tag", op: "has", value: "x" } })[0]?.field).toBe(
      "definition.root.type",
    );
    expect(blamed(null)).toEqual([
      { field: "definition", message: "is missing (was the segment deleted?)" },
    ]);
  });

  it("limits depth and size with a clear message at the first node past the limit", () => {
    let deep: unknown = { type: "tag", op: "has", value: "x" };
    for (let level = 0; level < 10_000; level += 1) deep = and(deep);
    const [tooDeep] = blamed({ version: 1, root: deep });
    expect(tooDeep).toEqual({
      field: `definition.root${".children.0".repeat(segmentLimits.maxDepth)}`,
      message: `groups nest at most ${segmentLimits.maxDepth} levels deep`,
    });
    const many = Array.from({ length: segmentLimits.maxConditions + 5 }, () => ({
      type: "tag",
      op: "has",
      value: "x",
    }));
    expect(blamed(definition(...many))).toEqual([
      {
        field: `definition.root.children.${segmentLimits.maxConditions}`,
        message: `a segment has at most ${segmentLimits.maxConditions} conditions`,
      },
    ]);
    expect(
      blamed(definition({ type: "country", op: "in", values: Array(501).fill("FR") }))[0],
    ).toEqual({ field: "definition.root.children.0.values", message: "at most 500 values" });
  });
});

describe("dates", () => {
  it("accepts only calendar-valid ISO dates and date-times", () => {
    for (const valid of [
      "2024-02-29",
      "2000-02-29",
      "2025-12-31",
      "2025-05-01T10:00",
      "2025-05-01 10:00:00.123456+05:30",
      "2025-05-01T10:00:00Z",
      "2025-05-01T10:00-0800",
    ]) {
      expect(isIsoDate(valid), valid).toBe(true);
    }
    for (const invalid of [
      "2025-02-29",
      "1900-02-29",
      "2025-04-31",
      "2025-13-01",
      "2025-5-1",
      "0999-01-01",
      "2025-05-01T24:00",
      "2025-05-01T10:00+16:00",
      "yesterday",
      " 2025-05-01",
    ]) {
      expect(isIsoDate(invalid), invalid).toBe(false);
    }
  });

  it("reads a day as UTC midnight and a zoneless time as UTC", () => {
    expect(parseIsoInstant("2025-05-01").toISOString()).toBe("2025-05-01T00:00:00.000Z");
    expect(parseIsoInstant("2025-05-01 10:00").toISOString()).toBe("2025-05-01T10:00:00.000Z");
    expect(parseIsoInstant("2025-05-01T10:00-0800").toISOString()).toBe("2025-05-01T18:00:00.000Z");
    expect(parseIsoInstant("2025-05-01T10:00+02").toISOString()).toBe("2025-05-01T08:00:00.000Z");
  });

  it("turns day and relative comparisons into half-open ranges", () => {
    const now = new Date("2026-06-15T12:00:00Z");
    const iso = (range: ReturnType<typeof dateComparisonRange>) => ({
      from: range.from && [range.from.at.toISOString(), range.from.inclusive],
      to: range.to && [range.to.at.toISOString(), range.to.inclusive],
    });
    expect(iso(dateComparisonRange({ op: "after", value: "2026-06-01" }, now))).toEqual({
      from: ["2026-06-02T00:00:00.000Z", true],
      to: undefined,
    });
    expect(
      iso(dateComparisonRange({ op: "between", from: "2026-06-01", to: "2026-06-03" }, now)),
    ).toEqual({
      from: ["2026-06-01T00:00:00.000Z", true],
      to: ["2026-06-04T00:00:00.000Z", false],
    });
    expect(iso(dateComparisonRange({ op: "in_last", amount: 2, unit: "hours" }, now))).toEqual({
      from: ["2026-06-15T10:00:00.000Z", true],
      to: ["2026-06-15T12:00:00.000Z", true],
    });
    expect(
      iso(dateComparisonRange({ op: "more_than_ago", amount: 1, unit: "weeks" }, now)),
    ).toEqual({
      from: undefined,
      to: ["2026-06-08T12:00:00.000Z", false],
    });
    expect(timeWindowRange(undefined, now)).toEqual({});
  });
});

describe("compiled SQL", () => {
  it("carries every value as a bound parameter, never in the SQL text", () => {
    const hostile = "x'); DELETE FROM subscribers; --";
    const parsed = segmentDefinitionSchema.parse(
      definition(
        {
          type: "attribute",
          attribute: hostile,
          valueType: "string",
          op: "contains",
          value: hostile,
        },
        { type: "tag", op: "has_any", values: [hostile] },
        {
          type: "event",
          event: hostile,
          op: "did",
          where: [{ property: hostile, valueType: "number", op: "gt", value: 1 }],
        },
        { type: "country", op: "in", values: [hostile] },
      ),
    );
    const sql = compileSegmentDefinition(parsed, {
      appId: "app-1",
      now: new Date("2026-06-15T12:00:00Z"),
      segments: new Map(),
    });
    expect(sql.sql).not.toContain("DELETE");
    expect(sql.sql).not.toContain("app-1");
    // Attribute key and value, event name, property key (typed, then cast).
    expect(sql.values.filter((value) => value === hostile)).toHaveLength(5);
    expect(sql.values).toContainEqual([hostile]);
  });

  it("negates never-NULL conditions with NOT (anti-joinable) and others with IS NOT TRUE", () => {
    const compile = (input: unknown) =>
      compileSegmentDefinition(segmentDefinitionSchema.parse(input), {
        appId: "app-1",
        now: new Date(),
        segments: new Map(),
      }).sql;
    const notGroup = (child: unknown) => ({
      version: 1,
      root: { type: "group", combinator: "and", negate: true, children: [child] },
    });
    expect(compile(notGroup({ type: "event", event: "x", op: "did" }))).toMatch(/^NOT \(EXISTS/);
    expect(compile(notGroup({ type: "country", op: "equals", value: "FR" }))).toMatch(
      /IS NOT TRUE$/,
    );
  });
});
