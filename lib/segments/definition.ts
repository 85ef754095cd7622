import { z } from "zod";
import { findLimitProblems, segmentLimits } from "./definition-limits";
import { isIsoDate, parseIsoInstant } from "./iso-date";

// The segment definition language, version 1: JSON that names who is in a
// segment. A tree of AND/OR groups (each may be negated) whose leaves are
// conditions on the subscriber's profile, their devices, their events and
// the pushes they got. Pure (zod only): the builder in the browser imports it.
//
// Semantics worth knowing:
// - A segment selects devices of subscribers; counts count subscribers.
//   Device conditions (platform, opt-in date) look at the device being sent
//   to, profile and history conditions at its subscriber.
// - Negative operators (not_equals, not_contains, not_in, has_none…) also
//   match subscribers who lack the value entirely.
// - String comparisons `equals`/`in` are exact; `contains`/`starts_with` ignore case.
// - A day (`2025-05-01`) is a UTC day; a date-time without a zone is UTC.

export const SEGMENT_DEFINITION_VERSION = 1;

export const platforms = ["web", "ios", "android"] as const;
export const timeUnits = ["hours", "days", "weeks"] as const;
export const deviceStatuses = ["active", "unsubscribed", "invalid"] as const;

function oneOf(values: readonly string[]): { error: string } {
  return { error: `must be one of: ${values.join(", ")}` };
}

const text = z
  .string()
  .max(segmentLimits.maxTextLength, `must be at most ${segmentLimits.maxTextLength} characters`);
const nonEmptyText = text.min(1, "must not be empty");
const textList = z
  .array(text)
  .min(1, "pick at least one value")
  .max(segmentLimits.maxListValues, `at most ${segmentLimits.maxListValues} values`);
const finiteNumber = z.number({ error: "must be a number" });
const numberList = z
  .array(finiteNumber)
  .min(1, "pick at least one value")
  .max(segmentLimits.maxListValues, `at most ${segmentLimits.maxListValues} values`);
const jsonKey = z.string().trim().min(1, "is required").max(100, "must be at most 100 characters");
const isoDate = z
  .string()
  .refine(isIsoDate, "must be a date (2025-05-01) or an ISO 8601 date-time");
const amount = z
  .number()
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(10_000, "must be at most 10000");
const timeUnit = z.enum(timeUnits, oneOf(timeUnits));
const countSchema = z.number().int("must be a whole number").max(1_000_000);

// Comparisons. Each builder takes the fields that sit beside `op` (the
// condition's type, attribute name…) so conditions stay flat JSON.

const stringOps = [
  "equals",
  "not_equals",
  "contains",
  "not_contains",
  "starts_with",
  "in",
  "not_in",
  "exists",
  "not_exists",
] as const;

function stringMatch<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.discriminatedUnion(
    "op",
    [
      z.strictObject({ ...shape, op: z.enum(["equals", "not_equals"]), value: text }),
      z.strictObject({
        ...shape,
        op: z.enum(["contains", "not_contains", "starts_with"]),
        value: nonEmptyText,
      }),
      z.strictObject({ ...shape, op: z.enum(["in", "not_in"]), values: textList }),
      z.strictObject({ ...shape, op: z.enum(["exists", "not_exists"]) }),
    ],
    oneOf(stringOps),
  );
}

const numberOps = [
  "equals",
  "not_equals",
  "gt",
  "gte",
  "lt",
  "lte",
  "between",
  "in",
  "not_in",
  "exists",
  "not_exists",
] as const;

/** `from` ≤ `to`, for numbers and for dates (compared as instants). */
function boundsInOrder(range: object): boolean {
  if (!("from" in range && "to" in range)) return true;
  const { from, to } = range;
  if (typeof from === "number" && typeof to === "number") return from <= to;
  if (typeof from === "string" && typeof to === "string" && isIsoDate(from) && isIsoDate(to)) {
    return parseIsoInstant(from) <= parseIsoInstant(to);
  }
  return true;
}

const boundsMessage = { message: "must not be before the start of the range", path: ["to"] };

function numberRange<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .strictObject({ ...shape, op: z.literal("between"), from: finiteNumber, to: finiteNumber })
    .refine(boundsInOrder, boundsMessage);
}

function numberMatch<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.discriminatedUnion(
    "op",
    [
      z.strictObject({
        ...shape,
        op: z.enum(["equals", "not_equals", "gt", "gte", "lt", "lte"]),
        value: finiteNumber,
      }),
      numberRange(shape),
      z.strictObject({ ...shape, op: z.enum(["in", "not_in"]), values: numberList }),
      z.strictObject({ ...shape, op: z.enum(["exists", "not_exists"]) }),
    ],
    oneOf(numberOps),
  );
}

const booleanOps = ["is", "exists", "not_exists"] as const;

function booleanMatch<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.discriminatedUnion(
    "op",
    [
      z.strictObject({ ...shape, op: z.literal("is"), value: z.boolean("must be true or false") }),
      z.strictObject({ ...shape, op: z.enum(["exists", "not_exists"]) }),
    ],
    oneOf(booleanOps),
  );
}

const dateOps = [
  "before",
  "after",
  "on",
  "between",
  "in_last",
  "more_than_ago",
  "exists",
  "not_exists",
] as const;

function dateMatchOptions<Shape extends z.ZodRawShape>(shape: Shape) {
  return [
    z.strictObject({ ...shape, op: z.enum(["before", "after", "on"]), value: isoDate }),
    z
      .strictObject({ ...shape, op: z.literal("between"), from: isoDate, to: isoDate })
      .refine(boundsInOrder, boundsMessage),
    z.strictObject({
      ...shape,
      op: z.enum(["in_last", "more_than_ago"]),
      amount,
      unit: timeUnit,
    }),
  ] as const;
}

/** Dates that may be missing (attributes, the opt-in date) also take exists / not_exists. */
function optionalDateMatch<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.discriminatedUnion(
    "op",
    [
      ...dateMatchOptions(shape),
      z.strictObject({ ...shape, op: z.enum(["exists", "not_exists"]) }),
    ],
    oneOf(dateOps),
  );
}

/** Dates every subscriber has (first seen, last seen). */
function requiredDateMatch<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.discriminatedUnion("op", dateMatchOptions(shape), oneOf(dateOps.slice(0, 6)));
}

const valueTypes = ["string", "number", "boolean", "date"] as const;

/** A typed comparison on one key of a JSON object (subscriber attributes, event properties). */
function jsonValueMatch<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.discriminatedUnion(
    "valueType",
    [
      stringMatch({ ...shape, valueType: z.literal("string") }),
      numberMatch({ ...shape, valueType: z.literal("number") }),
      booleanMatch({ ...shape, valueType: z.literal("boolean") }),
      optionalDateMatch({ ...shape, valueType: z.literal("date") }),
    ],
    oneOf(valueTypes),
  );
}

/** When something happened: in the last N units, or between two dates. Absent means ever. */
export const timeWindowSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("last"), amount, unit: timeUnit }),
    z
      .strictObject({ type: z.literal("between"), from: isoDate, to: isoDate })
      .refine(boundsInOrder, boundsMessage),
  ],
  oneOf(["last", "between"]),
);

export const propertyFilterSchema = jsonValueMatch({ property: jsonKey });

const revenueOps = ["gt", "gte", "lt", "lte", "between"] as const;

/** Compared with the sum of `revenue` over the matching events. */
export const revenueMatchSchema = z.discriminatedUnion(
  "op",
  [
    z.strictObject({ op: z.enum(["gt", "gte", "lt", "lte"]), value: finiteNumber }),
    numberRange({}),
  ],
  oneOf(revenueOps),
);

const eventName = z
  .string()
  .trim()
  .min(1, "is required")
  .max(100, "must be at most 100 characters");

const eventShape = {
  type: z.literal("event"),
  event: eventName,
  within: timeWindowSchema.optional(),
  where: z
    .array(propertyFilterSchema)
    .max(
      segmentLimits.maxPropertyFilters,
      `at most ${segmentLimits.maxPropertyFilters} property filters`,
    )
    .optional(),
};

const historyOps = ["did", "did_not", "at_least", "at_most"] as const;

/**
 * Did (not) do event X, or at least / at most N times, within a window,
 * counting only events whose properties pass `where`; `revenue` compares the
 * sum of their revenue ("spent over 100 in the last 30 days").
 */
const eventCondition = z.discriminatedUnion(
  "op",
  [
    z.strictObject({
      ...eventShape,
      op: z.enum(["did", "did_not"]),
      revenue: revenueMatchSchema.optional(),
    }),
    z.strictObject({
      ...eventShape,
      op: z.literal("at_least"),
      count: countSchema.min(1, "must be at least 1"),
      revenue: revenueMatchSchema.optional(),
    }),
    z.strictObject({
      ...eventShape,
      op: z.literal("at_most"),
      count: countSchema.min(0, "must not be negative"),
    }),
  ],
  oneOf(historyOps),
);

const pushShape = {
  type: z.literal("push"),
  /** `opened`: by `deliveries.openedAt`; `received`: accepted by the push service (`sentAt`). */
  metric: z.enum(["opened", "received"], oneOf(["opened", "received"])),
  within: timeWindowSchema.optional(),
};

/** Push engagement: opened (or not) a push lately, received at least / at most N. */
const pushCondition = z.discriminatedUnion(
  "op",
  [
    z.strictObject({ ...pushShape, op: z.enum(["did", "did_not"]) }),
    z.strictObject({
      ...pushShape,
      op: z.literal("at_least"),
      count: countSchema.min(1, "must be at least 1"),
    }),
    z.strictObject({
      ...pushShape,
      op: z.literal("at_most"),
      count: countSchema.min(0, "must not be negative"),
    }),
  ],
  oneOf(historyOps),
);

const tagCondition = z.discriminatedUnion(
  "op",
  [
    z.strictObject({ type: z.literal("tag"), op: z.enum(["has", "not_has"]), value: nonEmptyText }),
    z.strictObject({
      type: z.literal("tag"),
      op: z.enum(["has_any", "has_all", "has_none"]),
      values: textList,
    }),
  ],
  oneOf(["has", "not_has", "has_any", "has_all", "has_none"]),
);

const platformCondition = z.strictObject({
  type: z.literal("platform"),
  op: z.enum(["in", "not_in"], oneOf(["in", "not_in"])),
  values: z
    .array(z.enum(platforms, oneOf(platforms)))
    .min(1, "pick at least one platform")
    .max(platforms.length),
});

/** Whether the subscriber has (no) device in a state: e.g. opted out on some device. */
const subscriptionCondition = z.strictObject({
  type: z.literal("subscription"),
  op: z.enum(["has", "has_no"], oneOf(["has", "has_no"])),
  status: z.enum(deviceStatuses, oneOf(deviceStatuses)),
});

const segmentReference = z.strictObject({
  type: z.literal("segment"),
  op: z.enum(["in", "not_in"], oneOf(["in", "not_in"])),
  segmentId: z.string().min(1, "is required").max(64),
});

const conditionTypes = [
  "group",
  "attribute",
  "tag",
  "platform",
  "country",
  "locale",
  "timezone",
  "subscription",
  "opted_in",
  "first_seen",
  "last_seen",
  "event",
  "push",
  "segment",
] as const;

const groupShape = {
  type: z.literal("group"),
  combinator: z.enum(["and", "or"], oneOf(["and", "or"])),
  /** NOT: the group matches whoever its children, combined, do not. */
  negate: z.boolean().optional(),
  get children() {
    return z.array(segmentNodeSchema).min(1, "add a condition to this group or remove it");
  },
};

/** A nested group; it needs at least one child. */
export const segmentGroupSchema = z.strictObject(groupShape);

export const segmentNodeSchema = z.discriminatedUnion(
  "type",
  [
    segmentGroupSchema,
    jsonValueMatch({ type: z.literal("attribute"), attribute: jsonKey }),
    tagCondition,
    platformCondition,
    stringMatch({ type: z.literal("country") }),
    stringMatch({ type: z.literal("locale") }),
    stringMatch({ type: z.literal("timezone") }),
    subscriptionCondition,
    optionalDateMatch({ type: z.literal("opted_in") }),
    requiredDateMatch({ type: z.literal("first_seen") }),
    requiredDateMatch({ type: z.literal("last_seen") }),
    eventCondition,
    pushCondition,
    segmentReference,
  ],
  oneOf(conditionTypes),
);

export type SegmentNode = z.infer<typeof segmentNodeSchema>;
export type SegmentGroup = Extract<SegmentNode, { type: "group" }>;
export type SegmentCondition = Exclude<SegmentNode, SegmentGroup>;
export type PropertyFilter = z.infer<typeof propertyFilterSchema>;
export type EventCondition = Extract<SegmentNode, { type: "event" }>;
export type PushCondition = Extract<SegmentNode, { type: "push" }>;
export type TimeWindow = z.infer<typeof timeWindowSchema>;
export type RevenueMatch = z.infer<typeof revenueMatchSchema>;
export type TimeUnit = (typeof timeUnits)[number];

/** The root group; with no children it matches every subscriber. */
export const segmentRootSchema = z.strictObject({
  type: groupShape.type,
  combinator: groupShape.combinator,
  negate: groupShape.negate,
  children: z.array(segmentNodeSchema),
});

/** The stored and accepted shape; `segmentDefinitionSchema` also checks the limits first. */
export const segmentDefinitionObjectSchema = z.strictObject({
  version: z.literal(SEGMENT_DEFINITION_VERSION, {
    error: `must be ${SEGMENT_DEFINITION_VERSION}`,
  }),
  root: segmentRootSchema,
});

export type SegmentDefinition = z.infer<typeof segmentDefinitionObjectSchema>;

export const segmentDefinitionSchema = z
  .unknown()
  .superRefine((input, context) => {
    if (typeof input !== "object" || input === null || !("root" in input)) return;
    for (const problem of findLimitProblems(input.root)) {
      context.addIssue({ code: "custom", message: problem.message, path: problem.path });
    }
  })
  .pipe(segmentDefinitionObjectSchema);

export { segmentLimits };
