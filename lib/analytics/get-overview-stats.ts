import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { CampaignCategory, Platform } from "@/lib/db/generated/enums";
import {
  deliveryRateBenchmark,
  openRateBenchmarks,
  optInRateBenchmarks,
  optOutRateBenchmark,
} from "./benchmarks";
import {
  addDeliveryTotals,
  type DeliveryTotals,
  deliveryTotalsOf,
  emptyDeliveryTotals,
  sumDeliveryMeasuresSql,
} from "./delivery-totals";
import { deliveryRates, optInRate, optOutRate } from "./metrics";
import type { OverviewStats } from "./schemas";
import {
  audienceScopeSql,
  bucketKeySql,
  deliveryScopeSql,
  filtersDto,
  periodSql,
  rangeDto,
  resolveStatsScope,
  type StatsFilterInput,
} from "./scope";

const platforms: Platform[] = ["web", "ios", "android"];
const categories: CampaignCategory[] = ["transactional", "triggered", "marketing"];

interface CohortRow extends DeliveryTotals {
  key: string;
  platform: Platform;
  category: CampaignCategory;
}

interface OptRow {
  key: string;
  platform: Platform;
  prompted: number;
  granted: number;
  opted_in: number;
  opted_out: number;
  active_change: number;
}

interface OptCounts {
  prompted: number;
  granted: number;
  optedIn: number;
  optedOut: number;
  activeChange: number;
}

const emptyOptCounts = (): OptCounts => ({
  prompted: 0,
  granted: 0,
  optedIn: 0,
  optedOut: 0,
  activeChange: 0,
});

function addOptCounts(target: OptCounts, row: OptRow): void {
  target.prompted += row.prompted;
  target.granted += row.granted;
  target.optedIn += row.opted_in;
  target.optedOut += row.opted_out;
  target.activeChange += row.active_change;
}

function addTo<K>(map: Map<K, DeliveryTotals>, key: K, counts: DeliveryTotals): void {
  map.set(key, addDeliveryTotals(map.get(key) ?? emptyDeliveryTotals(), counts));
}

function addOptTo<K>(map: Map<K, OptCounts>, key: K, row: OptRow): void {
  const entry = map.get(key) ?? emptyOptCounts();
  addOptCounts(entry, row);
  map.set(key, entry);
}

const funnelOf = (totals: DeliveryTotals) => ({
  sent: totals.sent,
  delivered: totals.delivered,
  opened: totals.opened,
  dismissed: totals.dismissed,
  converted: totals.converted,
  revenue: totals.revenue,
});

/**
 * The app overview for a period: delivery totals and rates of the pushes
 * SENT in it (receipts counted with their push, from delivery_cohort_rollups,
 * so no rate passes 100 %), opt-in and opt-out over it, a time series of all
 * of them, and breakdowns by platform and campaign category next to
 * DESIGN.md's ranges. Reads only rollups: a few thousand rows at most.
 */
export async function getOverviewStats(
  appId: string,
  input: StatsFilterInput,
  now: Date = new Date(),
): Promise<OverviewStats> {
  const scope = await resolveStatsScope(appId, input, now);
  const { range } = scope;
  const db = getDb();
  const [cohorts, opts, [before]] = await Promise.all([
    db.$queryRaw<CohortRow[]>`
      SELECT ${bucketKeySql(Prisma.sql`r.hour`, range)} AS key, r.platform, r.category,
             ${sumDeliveryMeasuresSql("r")}
      FROM delivery_cohort_rollups r
      WHERE ${deliveryScopeSql("r", scope)} AND ${periodSql("r", range)}
      GROUP BY 1, 2, 3`,
    // Prompts and device changes per bucket and platform, in one pass over each rollup.
    db.$queryRaw<OptRow[]>`
      SELECT key, platform, sum(prompted)::float8 AS prompted, sum(granted)::float8 AS granted,
             sum(opted_in)::float8 AS opted_in, sum(opted_out)::float8 AS opted_out,
             sum(active_change)::float8 AS active_change
      FROM (
        SELECT ${bucketKeySql(Prisma.sql`p.hour`, range)} AS key, p.platform,
               p.prompted, p.granted, 0 AS opted_in, 0 AS opted_out, 0 AS active_change
        FROM prompt_rollups p
        WHERE ${audienceScopeSql("p", scope)} AND ${periodSql("p", range)} AND p.prompt = 'native'
        UNION ALL
        SELECT ${bucketKeySql(Prisma.sql`d.hour`, range)}, d.platform,
               0, 0, d."optedIn", d."optedOut", d."activeChange"
        FROM device_rollups d
        WHERE ${audienceScopeSql("d", scope)} AND ${periodSql("d", range)}
      ) x
      GROUP BY 1, 2`,
    db.$queryRaw<{ active: number }[]>`
      SELECT COALESCE(sum(d."activeChange"), 0)::float8 AS active
      FROM device_rollups d
      WHERE ${audienceScopeSql("d", scope)} AND d.hour < ${range.start}`,
  ]);

  const totals = emptyDeliveryTotals();
  const byBucket = new Map<string, DeliveryTotals>();
  const byPlatform = new Map<Platform, DeliveryTotals>();
  const byCategory = new Map<CampaignCategory, DeliveryTotals>();
  for (const row of cohorts) {
    const counts = deliveryTotalsOf(row);
    addDeliveryTotals(totals, counts);
    addTo(byBucket, row.key, counts);
    addTo(byPlatform, row.platform, counts);
    addTo(byCategory, row.category, counts);
  }

  const optTotals = emptyOptCounts();
  const optByBucket = new Map<string, OptCounts>();
  const optByPlatform = new Map<Platform, OptCounts>();
  for (const row of opts) {
    addOptCounts(optTotals, row);
    addOptTo(optByBucket, row.key, row);
    addOptTo(optByPlatform, row.platform, row);
  }

  const activeAtStart = before?.active ?? 0;
  let active = activeAtStart;
  const series = range.buckets.map((bucket) => {
    const counts = byBucket.get(bucket.key) ?? emptyDeliveryTotals();
    const opt = optByBucket.get(bucket.key) ?? emptyOptCounts();
    const activeAtBucketStart = active;
    active += opt.activeChange;
    return {
      key: bucket.key,
      start: bucket.start.toISOString(),
      ...funnelOf(counts),
      prompted: opt.prompted,
      granted: opt.granted,
      optedIn: opt.optedIn,
      optedOut: opt.optedOut,
      rates: {
        ...deliveryRates(counts),
        optInRate: optInRate(opt.granted, opt.prompted),
        optOutRate: optOutRate(opt.optedOut, activeAtBucketStart, opt.optedIn),
      },
    };
  });

  return {
    range: rangeDto(range),
    filters: filtersDto(scope),
    totals: {
      ...totals,
      prompted: optTotals.prompted,
      granted: optTotals.granted,
      optedIn: optTotals.optedIn,
      optedOut: optTotals.optedOut,
      activeAtStart,
    },
    rates: {
      ...deliveryRates(totals),
      optInRate: optInRate(optTotals.granted, optTotals.prompted),
      optOutRate: optOutRate(optTotals.optedOut, activeAtStart, optTotals.optedIn),
    },
    benchmarks: { deliveryRate: deliveryRateBenchmark, optOutRate: optOutRateBenchmark },
    series,
    byPlatform: platforms
      .filter((platform) => !scope.platform || platform === scope.platform)
      .map((platform) => {
        const counts = byPlatform.get(platform) ?? emptyDeliveryTotals();
        const opt = optByPlatform.get(platform) ?? emptyOptCounts();
        return {
          platform,
          ...funnelOf(counts),
          prompted: opt.prompted,
          granted: opt.granted,
          rates: { ...deliveryRates(counts), optInRate: optInRate(opt.granted, opt.prompted) },
          benchmarks: {
            deliveryRate: deliveryRateBenchmark,
            optInRate: optInRateBenchmarks[platform],
          },
        };
      }),
    byCategory: categories.map((category) => {
      const counts = byCategory.get(category) ?? emptyDeliveryTotals();
      return {
        category,
        ...funnelOf(counts),
        rates: deliveryRates(counts),
        benchmarks: { deliveryRate: deliveryRateBenchmark, openRate: openRateBenchmarks[category] },
      };
    }),
  };
}
