import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { Platform } from "@/lib/db/generated/enums";
import { percentage } from "./metrics";
import type { AudienceStats } from "./schemas";
import {
  audienceScopeSql,
  bucketKeySql,
  filtersDto,
  periodSql,
  rangeDto,
  resolveStatsScope,
  type StatsFilterInput,
} from "./scope";

const platforms: Platform[] = ["web", "ios", "android"];

interface BucketRow {
  key: string;
  subscribers: number;
  opted_in: number;
  opted_out: number;
  invalidated: number;
  active_change: number;
}

interface StatusRow {
  platform: Platform;
  active: number;
  unsubscribed: number;
  invalid: number;
}

/**
 * Subscribers and active devices over the period (running sums of the
 * subscriber and device rollups, so any period is a few hundred rows), the
 * period's opt-ins, opt-outs and invalidations, and token health now: devices
 * by status and platform. Subscribers have no platform: a platform filter
 * narrows the device figures only. Segments do not apply here.
 */
export async function getAudienceStats(
  appId: string,
  input: StatsFilterInput,
  now: Date = new Date(),
): Promise<AudienceStats> {
  const scope = await resolveStatsScope(appId, input, now);
  const { range } = scope;
  const db = getDb();
  const [buckets, [before], statuses, [subscribersNow]] = await Promise.all([
    db.$queryRaw<BucketRow[]>`
      SELECT key, sum(subscribers)::float8 AS subscribers, sum(opted_in)::float8 AS opted_in,
             sum(opted_out)::float8 AS opted_out, sum(invalidated)::float8 AS invalidated,
             sum(active_change)::float8 AS active_change
      FROM (
        SELECT ${bucketKeySql(Prisma.sql`s.hour`, range)} AS key, s.created - s.deleted AS subscribers,
               0 AS opted_in, 0 AS opted_out, 0 AS invalidated, 0 AS active_change
        FROM subscriber_rollups s
        WHERE s."appId" = ${appId} AND ${periodSql("s", range)}
        UNION ALL
        SELECT ${bucketKeySql(Prisma.sql`d.hour`, range)}, 0, d."optedIn", d."optedOut", d.invalidated,
               d."activeChange"
        FROM device_rollups d
        WHERE ${audienceScopeSql("d", scope)} AND ${periodSql("d", range)}
      ) x
      GROUP BY key`,
    db.$queryRaw<{ subscribers: number; active: number }[]>`
      SELECT (SELECT COALESCE(sum(s.created - s.deleted), 0)::float8 FROM subscriber_rollups s
              WHERE s."appId" = ${appId} AND s.hour < ${range.start}) AS subscribers,
             (SELECT COALESCE(sum(d."activeChange"), 0)::float8 FROM device_rollups d
              WHERE ${audienceScopeSql("d", scope)} AND d.hour < ${range.start}) AS active`,
    db.$queryRaw<StatusRow[]>`
      SELECT d.platform, sum(d."activeChange")::float8 AS active,
             sum(d."unsubscribedChange")::float8 AS unsubscribed, sum(d."invalidChange")::float8 AS invalid
      FROM device_rollups d
      WHERE ${audienceScopeSql("d", scope)}
      GROUP BY d.platform`,
    db.$queryRaw<{ subscribers: number }[]>`
      SELECT COALESCE(sum(created - deleted), 0)::float8 AS subscribers
      FROM subscriber_rollups WHERE "appId" = ${appId}`,
  ]);

  const byKey = new Map(buckets.map((row) => [row.key, row]));
  let subscribers = before?.subscribers ?? 0;
  let activeDevices = before?.active ?? 0;
  const series = range.buckets.map((bucket) => {
    const row = byKey.get(bucket.key);
    subscribers += row?.subscribers ?? 0;
    activeDevices += row?.active_change ?? 0;
    return {
      key: bucket.key,
      start: bucket.start.toISOString(),
      subscribers,
      activeDevices,
      optedIn: row?.opted_in ?? 0,
      optedOut: row?.opted_out ?? 0,
      invalidated: row?.invalidated ?? 0,
    };
  });

  const statusOf = new Map(statuses.map((row) => [row.platform, row]));
  const tokenHealth = platforms
    .filter((platform) => !scope.platform || platform === scope.platform)
    .map((platform) => {
      const row = statusOf.get(platform);
      const active = row?.active ?? 0;
      const unsubscribed = row?.unsubscribed ?? 0;
      const invalid = row?.invalid ?? 0;
      const total = active + unsubscribed + invalid;
      return {
        platform,
        active,
        unsubscribed,
        invalid,
        total,
        activeShare: percentage(active, total),
      };
    });

  return {
    range: rangeDto(range),
    filters: filtersDto(scope),
    current: {
      subscribers: subscribersNow?.subscribers ?? 0,
      activeDevices: tokenHealth.reduce((sum, row) => sum + row.active, 0),
      unsubscribedDevices: tokenHealth.reduce((sum, row) => sum + row.unsubscribed, 0),
      invalidDevices: tokenHealth.reduce((sum, row) => sum + row.invalid, 0),
    },
    series,
    tokenHealth,
  };
}
