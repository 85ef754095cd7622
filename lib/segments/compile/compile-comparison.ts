import { Prisma } from "@/lib/db/generated/client";
import type { PropertyFilter } from "../definition";
import { isoDatePattern } from "../iso-date";
import { type DateComparison, dateComparisonRange, type TimeRange } from "./time-range";

// Comparisons of one value (a column, or a key of a JSON column) with the
// condition's operands. Every operand is a bound parameter.
//
// A missing value makes a comparison NULL, which WHERE, AND and OR already
// treat as false. Only negation needs care (NOT NULL is NULL, "nobody"), so
// every negation is `IS NOT TRUE` and the positive comparisons stay plain
// predicates that PostgreSQL can estimate and match to indexes (wrapping
// them in COALESCE would hide a time range from the events index).

type Sql = Prisma.Sql;

/** NOT, with a missing value counting as false: `(x = 1) IS NOT TRUE` holds when x is NULL. */
export const isNotTrue = (condition: Sql): Sql => Prisma.sql`(${condition}) IS NOT TRUE`;

export type StringComparison =
  | { op: "equals" | "not_equals"; value: string }
  | { op: "contains" | "not_contains" | "starts_with"; value: string }
  | { op: "in" | "not_in"; values: string[] }
  | { op: "exists" | "not_exists" };

export type NumberComparison =
  | { op: "equals" | "not_equals" | "gt" | "gte" | "lt" | "lte"; value: number }
  | { op: "between"; from: number; to: number }
  | { op: "in" | "not_in"; values: number[] }
  | { op: "exists" | "not_exists" };

export function compileStringComparison(value: Sql, comparison: StringComparison): Sql {
  switch (comparison.op) {
    case "equals":
      return Prisma.sql`${value} = ${comparison.value}::text`;
    case "not_equals":
      return Prisma.sql`${value} IS DISTINCT FROM ${comparison.value}::text`;
    // strpos and starts_with take the operand as plain text: no LIKE pattern,
    // so % and _ in a value match themselves.
    case "contains":
      return Prisma.sql`strpos(lower(${value}), lower(${comparison.value}::text)) > 0`;
    case "not_contains":
      return isNotTrue(Prisma.sql`strpos(lower(${value}), lower(${comparison.value}::text)) > 0`);
    case "starts_with":
      return Prisma.sql`starts_with(lower(${value}), lower(${comparison.value}::text))`;
    case "in":
      return Prisma.sql`${value} = ANY(${comparison.values}::text[])`;
    case "not_in":
      return isNotTrue(Prisma.sql`${value} = ANY(${comparison.values}::text[])`);
    case "exists":
      return Prisma.sql`(${value} IS NOT NULL)`;
    case "not_exists":
      return Prisma.sql`(${value} IS NULL)`;
  }
}

/** Numbers travel as text and become `numeric`, so 0.1 stays exactly 0.1. */
const numeric = (value: number): Sql => Prisma.sql`${String(value)}::numeric`;

const numberOperators = { equals: "=", gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;

export function compileNumberComparison(value: Sql, comparison: NumberComparison): Sql {
  switch (comparison.op) {
    case "equals":
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return Prisma.sql`${value} ${Prisma.raw(numberOperators[comparison.op])} ${numeric(comparison.value)}`;
    case "not_equals":
      return Prisma.sql`${value} IS DISTINCT FROM ${numeric(comparison.value)}`;
    case "between":
      return Prisma.sql`${value} BETWEEN ${numeric(comparison.from)} AND ${numeric(comparison.to)}`;
    case "in":
      return Prisma.sql`${value} = ANY(${comparison.values.map(String)}::numeric[])`;
    case "not_in":
      return isNotTrue(Prisma.sql`${value} = ANY(${comparison.values.map(String)}::numeric[])`);
    case "exists":
      return Prisma.sql`(${value} IS NOT NULL)`;
    case "not_exists":
      return Prisma.sql`(${value} IS NULL)`;
  }
}

/** Turns an instant into SQL of the compared value's type. */
export type BoundSql = (instant: Date) => Sql;

/** Prisma's DateTime columns: `timestamp` without a zone, holding UTC. */
export const utcTimestampBound: BoundSql = (instant) =>
  Prisma.sql`(${instant.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

const timestamptzBound: BoundSql = (instant) => Prisma.sql`${instant.toISOString()}::timestamptz`;

export function compileTimeRange(value: Sql, range: TimeRange, bound: BoundSql): Sql {
  const parts: Sql[] = [];
  if (range.from) {
    parts.push(
      Prisma.sql`${value} ${Prisma.raw(range.from.inclusive ? ">=" : ">")} ${bound(range.from.at)}`,
    );
  }
  if (range.to) {
    parts.push(
      Prisma.sql`${value} ${Prisma.raw(range.to.inclusive ? "<=" : "<")} ${bound(range.to.at)}`,
    );
  }
  if (!parts.length) return Prisma.sql`(${value} IS NOT NULL)`;
  return Prisma.sql`(${Prisma.join(parts, " AND ")})`;
}

type PresenceCheck = { op: "exists" | "not_exists" };

export type OptionalDateComparison = DateComparison | PresenceCheck;

function isPresenceCheck<T extends { op: string }>(comparison: T): comparison is T & PresenceCheck {
  return comparison.op === "exists" || comparison.op === "not_exists";
}

export function compileDateComparison(
  value: Sql,
  comparison: OptionalDateComparison,
  bound: BoundSql,
  now: Date,
): Sql {
  if (isPresenceCheck(comparison)) {
    return comparison.op === "exists"
      ? Prisma.sql`(${value} IS NOT NULL)`
      : Prisma.sql`(${value} IS NULL)`;
  }
  return compileTimeRange(value, dateComparisonRange(comparison, now), bound);
}

/** The shape shared by attribute conditions and event property filters. */
export type JsonValueComparison = DistributiveOmit<PropertyFilter, "property">;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * One key of a JSON object compared as the condition's `valueType` says.
 * Strings and booleans compare the value's text (so "true" and true agree);
 * numbers only match JSON numbers, dates only strings that are valid ISO dates.
 */
export function compileJsonValueComparison(
  json: Sql,
  key: string,
  comparison: JsonValueComparison,
  now: Date,
): Sql {
  const member = Prisma.sql`(${json} -> ${key}::text)`;
  const memberText = Prisma.sql`(${json} ->> ${key}::text)`;
  if (isPresenceCheck(comparison)) {
    // A key set to JSON null counts as absent.
    const present = Prisma.sql`jsonb_typeof(${member}) <> 'null'`;
    return comparison.op === "exists" ? present : isNotTrue(present);
  }
  switch (comparison.valueType) {
    case "string":
      return compileStringComparison(memberText, comparison);
    case "number":
      return compileNumberComparison(
        Prisma.sql`(CASE WHEN jsonb_typeof(${member}) = 'number' THEN ${member}::numeric END)`,
        comparison,
      );
    case "boolean":
      return Prisma.sql`lower(${memberText}) = ${String(comparison.value)}::text`;
    case "date":
      return compileDateComparison(
        Prisma.sql`(CASE WHEN ${memberText} ~ ${isoDatePattern}::text THEN ${memberText}::timestamptz END)`,
        comparison,
        timestamptzBound,
        now,
      );
  }
}
