import { experimentSchema } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { DeliveryStatus, Platform } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { experimentResults } from "@/lib/experiments/variant-results";
import { deliveryRateBenchmark, openRateBenchmarks, timeToOpenMedianBenchmark } from "./benchmarks";
import {
  addDeliveryTotals,
  type DeliveryTotals,
  deliveryTotalsOf,
  emptyDeliveryTotals,
  sumDeliveryMeasuresSql,
} from "./delivery-totals";
import { deliveryRates, percentage, roundMoney } from "./metrics";
import type { CampaignAnalytics, CampaignAnalyticsQuery } from "./schemas";
import { delayBuckets, medianFromHistogram } from "./time-to-open";

/** Hours after the first send shown one by one; later activity is summed. */
export const AFTER_SEND_HOURS = 72;
const HOUR_MS = 3_600_000;

interface PlatformRow extends DeliveryTotals {
  platform: Platform;
  open_delay_seconds: number;
  histogram: number[];
}

interface HourRow {
  hour: Date;
  sent: number;
  opened: number;
  converted: number;
  revenue: number;
}

interface ReasonRow {
  status: DeliveryStatus;
  reason: string;
  count: number;
}

const histogramSql = Prisma.raw(
  `ARRAY[${delayBuckets.map((bucket) => `COALESCE(sum(r."${bucket.column}"), 0)::float8`).join(", ")}]`,
);

/** Outcomes that are errors; skips are reported apart (the reason rollup holds only these four). */
const isErrorStatus = (status: DeliveryStatus): status is "failed" | "expired" | "canceled" =>
  status === "failed" || status === "expired" || status === "canceled";

const confidencePercent = (value: number | null) =>
  value === null ? null : Math.round(value * 10_000) / 100;

/**
 * Everything about one campaign an analyst asks for, from the hourly rollups
 * (a few hundred rows even for a million recipients): funnel with drop-offs,
 * time-to-open distribution and median, opens and conversions by hour after
 * the first send, per-platform figures, errors and skips by reason, and the
 * A/B test's per-variant results with confidence (lib/experiments, the same
 * numbers the winner is picked on). Another app's campaign is not found.
 */
export async function getCampaignAnalytics(
  appId: string,
  campaignId: string,
  query: CampaignAnalyticsQuery = {},
): Promise<CampaignAnalytics> {
  const db = getDb();
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, appId },
    select: {
      id: true,
      name: true,
      category: true,
      status: true,
      launchedAt: true,
      completedAt: true,
      experiment: true,
    },
  });
  if (!campaign) throw notFound(`Campaign ${campaignId}`);
  const platformSql = query.platform
    ? Prisma.sql`AND r.platform = ${query.platform}::"Platform"`
    : Prisma.empty;
  const experiment = campaign.experiment ? experimentSchema.safeParse(campaign.experiment) : null;

  const [platformRows, hourRows, reasonRows, results] = await Promise.all([
    db.$queryRaw<PlatformRow[]>`
      SELECT r.platform, ${sumDeliveryMeasuresSql("r")},
             COALESCE(sum(r."openDelaySeconds"), 0)::float8 AS open_delay_seconds,
             ${histogramSql} AS histogram
      FROM delivery_rollups r
      WHERE r."appId" = ${appId} AND r."campaignId" = ${campaignId} ${platformSql}
      GROUP BY r.platform ORDER BY r.platform`,
    db.$queryRaw<HourRow[]>`
      SELECT r.hour, sum(r.sent)::float8 AS sent, sum(r.opened)::float8 AS opened,
             sum(r.converted)::float8 AS converted, sum(r.revenue)::float8 AS revenue
      FROM delivery_rollups r
      WHERE r."appId" = ${appId} AND r."campaignId" = ${campaignId} ${platformSql}
      GROUP BY r.hour ORDER BY r.hour`,
    db.$queryRaw<ReasonRow[]>`
      SELECT r.status, r.reason, sum(r.count)::float8 AS count
      FROM delivery_reason_rollups r
      WHERE r."appId" = ${appId} AND r."campaignId" = ${campaignId} ${platformSql}
      GROUP BY r.status, r.reason ORDER BY 3 DESC, 2`,
    experiment?.success
      ? experimentResults(campaignId, experiment.data.winnerMetric)
      : Promise.resolve(null),
  ]);

  const totals = emptyDeliveryTotals();
  const histogram = delayBuckets.map(() => 0);
  let openDelaySeconds = 0;
  const byPlatform = platformRows.map((row) => {
    const counts = deliveryTotalsOf(row);
    addDeliveryTotals(totals, counts);
    row.histogram.forEach((opens, index) => {
      histogram[index] = (histogram[index] ?? 0) + opens;
    });
    openDelaySeconds += row.open_delay_seconds;
    return { platform: row.platform, ...counts, rates: deliveryRates(counts) };
  });
  const rates = deliveryRates(totals);
  const opens = histogram.reduce((sum, value) => sum + value, 0);

  const firstSent = hourRows.find((row) => row.sent > 0)?.hour ?? hourRows[0]?.hour ?? null;
  const hours: CampaignAnalytics["afterSend"]["hours"] = [];
  const later = { opened: 0, converted: 0, revenue: 0 };
  if (firstSent) {
    const byOffset = new Map<number, HourRow>();
    for (const row of hourRows) {
      const offset = Math.round((row.hour.getTime() - firstSent.getTime()) / HOUR_MS);
      if (offset >= AFTER_SEND_HOURS) {
        later.opened += row.opened;
        later.converted += row.converted;
        later.revenue = roundMoney(later.revenue + row.revenue);
      } else if (offset >= 0) {
        byOffset.set(offset, row);
      }
    }
    const lastOffset = Math.max(0, ...byOffset.keys());
    for (let hour = 0; hour <= lastOffset; hour += 1) {
      const row = byOffset.get(hour);
      hours.push({
        hour,
        start: new Date(firstSent.getTime() + hour * HOUR_MS).toISOString(),
        opened: row?.opened ?? 0,
        converted: row?.converted ?? 0,
        revenue: roundMoney(row?.revenue ?? 0),
      });
    }
  }

  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      category: campaign.category,
      status: campaign.status,
      launchedAt: campaign.launchedAt?.toISOString() ?? null,
      completedAt: campaign.completedAt?.toISOString() ?? null,
    },
    filters: { platform: query.platform ?? null },
    totals,
    rates,
    benchmarks: {
      deliveryRate: deliveryRateBenchmark,
      openRate: openRateBenchmarks[campaign.category],
    },
    funnel: [
      { step: "sent", count: totals.sent, rateFromPrevious: null, dropOff: null },
      {
        step: "delivered",
        count: totals.delivered,
        rateFromPrevious: rates.deliveryRate,
        dropOff: totals.sent - totals.delivered,
      },
      {
        step: "opened",
        count: totals.opened,
        rateFromPrevious: rates.openRate,
        dropOff: totals.delivered - totals.opened,
      },
      {
        step: "converted",
        count: totals.converted,
        rateFromPrevious: rates.conversionRate,
        dropOff: totals.opened - totals.converted,
      },
    ],
    timeToOpen: {
      opens,
      buckets: delayBuckets.map((bucket, index) => ({
        label: bucket.label,
        fromSeconds: bucket.fromSeconds,
        toSeconds: bucket.toSeconds,
        opens: histogram[index] ?? 0,
        share: percentage(histogram[index] ?? 0, opens),
      })),
      median: medianFromHistogram(histogram),
      meanSeconds: opens > 0 ? Math.round(openDelaySeconds / opens) : null,
      benchmark: timeToOpenMedianBenchmark,
    },
    afterSend: { firstSentAt: firstSent?.toISOString() ?? null, hours, later },
    byPlatform,
    experiment: results && {
      metric: results.metric,
      leaderVariantId: results.leaderVariantId,
      leaderConfidence: confidencePercent(results.leaderConfidence),
      variants: results.variants.map((variant) => ({
        variantId: variant.variantId,
        key: variant.key,
        name: variant.name,
        isWinner: variant.isWinner,
        sent: variant.sent,
        delivered: variant.delivered,
        opened: variant.opened,
        converted: variant.converted,
        revenue: roundMoney(variant.revenue),
        rates: deliveryRates(variant),
        confidenceVsLeader: confidencePercent(variant.confidenceVsLeader),
      })),
    },
    errors: reasonRows.flatMap((row) =>
      isErrorStatus(row.status)
        ? [{ status: row.status, reason: row.reason, count: row.count }]
        : [],
    ),
    skips: reasonRows
      .filter((row) => row.status === "skipped")
      .map((row) => ({ reason: row.reason, count: row.count })),
  };
}
