import { Prisma } from "@/lib/db/generated/client";
import type { RevenueMatch } from "../definition";

type Sql = Prisma.Sql;

/** Did / did not / at least N / at most N, over rows of one subscriber's history. */
export type HistoryOperator =
  | { op: "did" | "did_not" }
  | { op: "at_least" | "at_most"; count: number };

export interface HistoryQuery {
  /** `events ev` or `deliveries dl`: the history table with its alias. */
  from: Sql;
  /** The alias's subscriber column, e.g. `ev."subscriberId"`. */
  subscriberColumn: Sql;
  /** What a row must be to count: app, name, window, properties… */
  filters: Sql[];
  /** The summed revenue column, when the condition compares revenue. */
  revenueColumn?: Sql;
}

const revenueOperators = { gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;

/**
 * Summed as double precision: a third cheaper than `numeric` over a few
 * hundred thousand events, and exact enough to compare with a threshold.
 */
function revenueHaving(revenue: RevenueMatch, column: Sql): Sql {
  const total = Prisma.sql`COALESCE(sum(${column}::float8), 0)`;
  if (revenue.op === "between") {
    return Prisma.sql`${total} BETWEEN ${revenue.from}::float8 AND ${revenue.to}::float8`;
  }
  return Prisma.sql`${total} ${Prisma.raw(revenueOperators[revenue.op])} ${revenue.value}::float8`;
}

/**
 * Plans well both ways: as the top-level AND of a segment, PostgreSQL turns
 * EXISTS / NOT EXISTS into a (hashed or index-probing) semi or anti join;
 * under OR it becomes a per-row probe of the subscriber's own rows through
 * the `(subscriberId, …)` indexes. Never `IN (subquery)` under NOT or OR:
 * when its hash does not fit work_mem PostgreSQL rescans the whole list per
 * subscriber.
 *
 * Counting conditions group the matching rows by subscriber; the EXISTS on
 * top of that still lets the planner hash-join (or push `= s.id` down into
 * the grouping for a per-row probe).
 */
export function compileHistoryCondition(
  query: HistoryQuery,
  operator: HistoryOperator,
  revenue?: RevenueMatch,
): Sql {
  const where = Prisma.join(query.filters, " AND ");
  const isNegated = operator.op === "did_not" || operator.op === "at_most";
  // "At most N" is "not more than N"; "at most 0" and "at least 1" are plain (not) did.
  const threshold =
    operator.op === "at_least"
      ? operator.count
      : operator.op === "at_most"
        ? operator.count + 1
        : 1;
  if (threshold === 1 && !revenue) {
    const exists = Prisma.sql`EXISTS (SELECT 1 FROM ${query.from}
      WHERE ${query.subscriberColumn} = s.id AND ${where})`;
    return isNegated ? Prisma.sql`NOT ${exists}` : exists;
  }
  const having: Sql[] = [];
  if (threshold > 1) having.push(Prisma.sql`count(*) >= ${threshold}::int`);
  if (revenue && query.revenueColumn) having.push(revenueHaving(revenue, query.revenueColumn));
  const exists = Prisma.sql`EXISTS (SELECT 1 FROM (
      SELECT ${query.subscriberColumn} AS subscriber_id FROM ${query.from}
      WHERE ${where}
      GROUP BY ${query.subscriberColumn}
      HAVING ${Prisma.join(having, " AND ")}
    ) history WHERE history.subscriber_id = s.id)`;
  return isNegated ? Prisma.sql`NOT ${exists}` : exists;
}
