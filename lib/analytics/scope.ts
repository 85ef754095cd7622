import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { Platform } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { type Granularity, type ResolvedRange, resolveRange } from "./date-range";

/** What one stats request covers: an app, a period and the filters, all checked. */
export interface StatsScope {
  appId: string;
  range: ResolvedRange;
  platform: Platform | null;
  segmentId: string | null;
}

export interface StatsFilterInput {
  from?: string;
  to?: string;
  days?: number;
  timezone?: string;
  platform?: Platform;
  segmentId?: string;
  granularity?: Granularity;
}

/**
 * Loads the app's time zone and checks the segment belongs to the app: a
 * segment of another app is not found, exactly like the app itself would be.
 */
export async function resolveStatsScope(
  appId: string,
  input: StatsFilterInput,
  now: Date = new Date(),
): Promise<StatsScope> {
  const db = getDb();
  const [app, segment] = await Promise.all([
    db.app.findUnique({ where: { id: appId }, select: { defaultTimezone: true } }),
    input.segmentId
      ? db.segment.findFirst({ where: { id: input.segmentId, appId }, select: { id: true } })
      : null,
  ]);
  if (!app) throw notFound(`App ${appId}`);
  if (input.segmentId && !segment) throw notFound(`Segment ${input.segmentId}`);
  return {
    appId,
    range: resolveRange(input, input.timezone ?? app.defaultTimezone, now),
    platform: input.platform ?? null,
    segmentId: input.segmentId ?? null,
  };
}

/** The bucket a rollup row's `hour` falls in, as the key resolveRange gave that bucket. */
export function bucketKeySql(hourColumn: Prisma.Sql, range: ResolvedRange): Prisma.Sql {
  return range.granularity === "day"
    ? Prisma.sql`to_char((${hourColumn} AT TIME ZONE 'UTC') AT TIME ZONE ${range.timezone}, 'YYYY-MM-DD')`
    : Prisma.sql`to_char(${hourColumn}, 'YYYY-MM-DD"T"HH24:00:00.000"Z"')`;
}

/** `alias.hour` inside the period. */
export function periodSql(alias: string, range: ResolvedRange): Prisma.Sql {
  const table = Prisma.raw(alias);
  return Prisma.sql`${table}.hour >= ${range.start} AND ${table}.hour < ${range.end}`;
}

/** The app, platform and segment conditions on a delivery rollup aliased `alias`. */
export function deliveryScopeSql(alias: string, scope: StatsScope): Prisma.Sql {
  const table = Prisma.raw(alias);
  const conditions = [Prisma.sql`${table}."appId" = ${scope.appId}`];
  if (scope.platform)
    conditions.push(Prisma.sql`${table}.platform = ${scope.platform}::"Platform"`);
  if (scope.segmentId) {
    conditions.push(Prisma.sql`${table}."campaignId" IN (
      SELECT id FROM campaigns WHERE "appId" = ${scope.appId} AND "segmentId" = ${scope.segmentId})`);
  }
  return Prisma.join(conditions, " AND ");
}

/** The app and platform conditions on an audience rollup (devices, prompts): segments do not apply. */
export function audienceScopeSql(alias: string, scope: StatsScope): Prisma.Sql {
  const table = Prisma.raw(alias);
  return scope.platform
    ? Prisma.sql`${table}."appId" = ${scope.appId} AND ${table}.platform = ${scope.platform}::"Platform"`
    : Prisma.sql`${table}."appId" = ${scope.appId}`;
}

export function rangeDto(range: ResolvedRange) {
  return {
    from: range.from,
    to: range.to,
    timezone: range.timezone,
    granularity: range.granularity,
  };
}

export function filtersDto(scope: StatsScope) {
  return { platform: scope.platform, segmentId: scope.segmentId };
}
