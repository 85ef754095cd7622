import { Prisma } from "@/lib/db/generated/client";
import { fieldError } from "@/lib/errors";
import type {
  EventCondition,
  PushCondition,
  SegmentCondition,
  SegmentDefinition,
  SegmentNode,
} from "../definition";
import { segmentLimits } from "../definition-limits";
import {
  compileDateComparison,
  compileJsonValueComparison,
  compileStringComparison,
  compileTimeRange,
  isNotTrue,
  utcTimestampBound,
} from "./compile-comparison";
import { compileHistoryCondition } from "./compile-history";
import { timeWindowRange } from "./time-range";

type Sql = Prisma.Sql;

export interface CompileContext {
  appId: string;
  /** "In the last 7 days" counts back from here; one instant for the whole definition. */
  now: Date;
  /** The definitions of every segment this one refers to, directly or not (see load-references). */
  segments: ReadonlyMap<string, SegmentDefinition>;
}

interface NodeScope {
  /** Where the node sits in the request, for errors: `definition.root.children.2`. */
  path: string;
  /** Segments being expanded around this node, to stop a cycle. */
  chain: readonly string[];
}

function compileEvent(condition: EventCondition, context: CompileContext): Sql {
  const filters: Sql[] = [
    Prisma.sql`ev."appId" = ${context.appId}`,
    Prisma.sql`ev.name = ${condition.event}`,
  ];
  const range = timeWindowRange(condition.within, context.now);
  if (range.from || range.to) {
    filters.push(compileTimeRange(Prisma.sql`ev."occurredAt"`, range, utcTimestampBound));
  }
  for (const filter of condition.where ?? []) {
    filters.push(
      compileJsonValueComparison(Prisma.sql`ev.properties`, filter.property, filter, context.now),
    );
  }
  return compileHistoryCondition(
    {
      from: Prisma.sql`events ev`,
      subscriberColumn: Prisma.sql`ev."subscriberId"`,
      filters,
      revenueColumn: Prisma.sql`ev.revenue`,
    },
    condition,
    "revenue" in condition ? condition.revenue : undefined,
  );
}

function compilePush(condition: PushCondition, context: CompileContext): Sql {
  const column =
    condition.metric === "opened" ? Prisma.sql`dl."openedAt"` : Prisma.sql`dl."sentAt"`;
  const range = timeWindowRange(condition.within, context.now);
  return compileHistoryCondition(
    {
      from: Prisma.sql`deliveries dl`,
      subscriberColumn: Prisma.sql`dl."subscriberId"`,
      filters: [
        Prisma.sql`dl."appId" = ${context.appId}`,
        compileTimeRange(column, range, utcTimestampBound),
      ],
    },
    condition,
  );
}

function compileTag(condition: Extract<SegmentCondition, { type: "tag" }>): Sql {
  const tags = Prisma.sql`s.tags`;
  switch (condition.op) {
    case "has":
      return Prisma.sql`${tags} @> ARRAY[${condition.value}::text]`;
    case "not_has":
      return isNotTrue(Prisma.sql`${tags} @> ARRAY[${condition.value}::text]`);
    case "has_all":
      return Prisma.sql`${tags} @> ${condition.values}::text[]`;
    case "has_any":
      return Prisma.sql`${tags} && ${condition.values}::text[]`;
    case "has_none":
      return isNotTrue(Prisma.sql`${tags} && ${condition.values}::text[]`);
  }
}

/**
 * Whether a node's SQL is always true or false, never NULL: history, device
 * and membership checks are EXISTS or NOT-NULL columns; comparisons of a
 * value that may be missing are not. Negating a never-NULL node with a plain
 * NOT keeps `NOT EXISTS` visible to the planner as an anti-join; anything
 * else is negated with `IS NOT TRUE`.
 */
function isNeverNull(
  node: SegmentNode,
  context: CompileContext,
  chain: readonly string[],
): boolean {
  switch (node.type) {
    case "group":
      return node.children.every((child) => isNeverNull(child, context, chain));
    case "event":
    case "push":
    case "subscription":
    case "platform":
      return true;
    case "segment": {
      if (node.op === "not_in") return true;
      const referenced = context.segments.get(node.segmentId);
      return (
        !!referenced &&
        !chain.includes(node.segmentId) &&
        isNeverNull(referenced.root, context, [...chain, node.segmentId])
      );
    }
    default:
      return false;
  }
}

function negate(condition: Sql, neverNull: boolean): Sql {
  return neverNull ? Prisma.sql`NOT ${condition}` : isNotTrue(condition);
}

function compileSegmentReference(
  condition: Extract<SegmentCondition, { type: "segment" }>,
  context: CompileContext,
  scope: NodeScope,
): Sql {
  const path = `${scope.path}.segmentId`;
  if (scope.chain.includes(condition.segmentId)) {
    throw fieldError(path, "this segment ends up referring to itself");
  }
  if (scope.chain.length >= segmentLimits.maxReferenceDepth) {
    throw fieldError(
      path,
      `segments may refer to segments at most ${segmentLimits.maxReferenceDepth} levels deep`,
    );
  }
  const referenced = context.segments.get(condition.segmentId);
  if (!referenced) throw fieldError(path, "no such segment");
  // Problems inside the other segment are reported at the reference to it.
  const inner = compileNode(referenced.root, context, {
    path,
    chain: [...scope.chain, condition.segmentId],
  });
  if (condition.op === "in") return inner;
  return negate(
    inner,
    isNeverNull(referenced.root, context, [...scope.chain, condition.segmentId]),
  );
}

function compileCondition(
  condition: SegmentCondition,
  context: CompileContext,
  scope: NodeScope,
): Sql {
  switch (condition.type) {
    case "attribute":
      return compileJsonValueComparison(
        Prisma.sql`s.attributes`,
        condition.attribute,
        condition,
        context.now,
      );
    case "tag":
      return compileTag(condition);
    case "platform": {
      const isOneOf = Prisma.sql`d.platform::text = ANY(${condition.values}::text[])`;
      // Never NULL (platform is required), so a plain NOT is safe.
      return condition.op === "in" ? isOneOf : Prisma.sql`NOT ${isOneOf}`;
    }
    case "country":
      return compileStringComparison(Prisma.sql`s.country`, condition);
    case "locale":
      return compileStringComparison(Prisma.sql`s.locale`, condition);
    case "timezone":
      return compileStringComparison(Prisma.sql`s.timezone`, condition);
    case "subscription": {
      const hasDevice = Prisma.sql`EXISTS (SELECT 1 FROM devices sd
        WHERE sd."subscriberId" = s.id AND sd.status::text = ${condition.status})`;
      // A plain NOT EXISTS, which PostgreSQL can plan as an anti-join.
      return condition.op === "has" ? hasDevice : Prisma.sql`NOT ${hasDevice}`;
    }
    case "opted_in":
      return compileDateComparison(
        Prisma.sql`d."optedInAt"`,
        condition,
        utcTimestampBound,
        context.now,
      );
    case "first_seen":
      return compileDateComparison(
        Prisma.sql`s."firstSeenAt"`,
        condition,
        utcTimestampBound,
        context.now,
      );
    case "last_seen":
      return compileDateComparison(
        Prisma.sql`s."lastSeenAt"`,
        condition,
        utcTimestampBound,
        context.now,
      );
    case "event":
      return compileEvent(condition, context);
    case "push":
      return compilePush(condition, context);
    case "segment":
      return compileSegmentReference(condition, context, scope);
  }
}

/**
 * How much a node costs per row, roughly: plain columns, then arrays, JSON,
 * and last the subqueries. PostgreSQL keeps the written order of equally
 * priced predicates, so writing the cheap ones first lets them rule rows out
 * before a JSON lookup or an events probe runs.
 */
const costRank: Record<SegmentNode["type"], number> = {
  platform: 0,
  country: 1,
  locale: 1,
  timezone: 1,
  first_seen: 1,
  last_seen: 1,
  opted_in: 1,
  tag: 2,
  attribute: 3,
  subscription: 4,
  segment: 5,
  event: 6,
  push: 6,
  group: 6,
};

function rankOf(node: SegmentNode): number {
  if (node.type !== "group") return costRank[node.type];
  return Math.max(0, ...node.children.map(rankOf));
}

function compileNode(node: SegmentNode, context: CompileContext, scope: NodeScope): Sql {
  if (node.type !== "group") return compileCondition(node, context, scope);
  if (node.children.length === 0) return node.negate ? Prisma.sql`false` : Prisma.sql`true`;
  const children = node.children
    .map((child, index) => ({
      rank: rankOf(child),
      sql: compileNode(child, context, { ...scope, path: `${scope.path}.children.${index}` }),
    }))
    .sort((a, b) => a.rank - b.rank)
    .map((child) => child.sql);
  const combined = Prisma.sql`(${Prisma.join(children, node.combinator === "and" ? " AND " : " OR ")})`;
  return node.negate ? negate(combined, isNeverNull(node, context, scope.chain)) : combined;
}

/**
 * The definition as one boolean SQL condition over `d` (devices) and `s`
 * (subscribers), for `WHERE d."appId" = … AND d.status = 'active' AND <it>`.
 * Every value is a bound parameter; history subqueries are scoped to the app.
 */
export function compileSegmentDefinition(
  definition: SegmentDefinition,
  context: CompileContext,
  path = "definition",
): Sql {
  return compileNode(definition.root, context, { path: `${path}.root`, chain: [] });
}
