import { z } from "zod";
import { pageQueryShape } from "@/lib/http/pagination";
import { timeZoneSchema } from "@/lib/validation";

// Shapes of the analytics API (GET /api/v1/stats…). Rates are percentages
// with two decimals (revenue per push is money per push), null when their
// denominator is zero; the definitions are DESIGN.md's (lib/analytics/metrics.ts).

const platformSchema = z.enum(["web", "ios", "android"]);
const categorySchema = z.enum(["transactional", "marketing", "triggered"]);
const isoDate = z.string().meta({ format: "date-time" });

export const statsFilterShape = {
  from: z.iso.date().optional().meta({
    description: "First day (YYYY-MM-DD, in `timezone`), inclusive; default 29 days before `to`.",
  }),
  to: z.iso.date().optional().meta({ description: "Last day, inclusive; default today." }),
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(366)
    .optional()
    .meta({ description: "The last N days, today included (instead of `from` and `to`)." }),
  timezone: timeZoneSchema
    .optional()
    .meta({ description: "IANA zone the days are counted in; default the app's." }),
  platform: platformSchema.optional().meta({ description: "Only this platform." }),
  segmentId: z.string().min(1).max(64).optional().meta({
    description:
      "Only campaigns sent to this segment (delivery metrics); audience metrics stay app-wide.",
  }),
};

export const statsQuerySchema = z.strictObject({
  ...statsFilterShape,
  granularity: z
    .enum(["hour", "day"])
    .optional()
    .meta({ description: "Time-series buckets; default hours for 1–2 days, else days." }),
});

export type StatsQuery = z.infer<typeof statsQuerySchema>;

export const campaignStatsListQuerySchema = z.strictObject({
  ...statsFilterShape,
  cursor: pageQueryShape.cursor,
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(50)
    .meta({ description: "Campaigns per page (1–100)." }),
});

export type CampaignStatsListQuery = z.infer<typeof campaignStatsListQuerySchema>;

export const campaignAnalyticsQuerySchema = z.strictObject({
  platform: statsFilterShape.platform,
});

export type CampaignAnalyticsQuery = z.infer<typeof campaignAnalyticsQuerySchema>;

const rate = z.number().nullable();
const count = z.number().int();

export const benchmarkSchema = z.object({
  low: z.number().nullable(),
  high: z.number().nullable(),
  note: z.string(),
});

const optOutBenchmarkSchema = benchmarkSchema.extend({
  problemAbove: z.number().meta({ description: "Above this, opt-outs are a problem." }),
});

export const deliveryRatesSchema = z.object({
  deliveryRate: rate.meta({ description: "delivered / sent × 100" }),
  openRate: rate.meta({ description: "opened / delivered × 100" }),
  conversionRate: rate.meta({ description: "converted / opened × 100" }),
  revenuePerPush: rate.meta({ description: "attributed revenue / sent" }),
});

const funnelShape = {
  sent: count.meta({ description: "Accepted by the push service." }),
  delivered: count.meta({
    description: "Confirmed by the SDK or service worker (an open implies it).",
  }),
  opened: count,
  dismissed: count,
  converted: count.meta({
    description: "Conversions attributed to the push (first one per push).",
  }),
  revenue: z.number().meta({ description: "Revenue attributed to the pushes." }),
};

const outcomeShape = {
  failed: count,
  skipped: count,
  expired: count,
  canceled: count,
};

export const statsRangeSchema = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  granularity: z.enum(["hour", "day"]),
});

export const statsFiltersSchema = z.object({
  platform: platformSchema.nullable(),
  segmentId: z.string().nullable(),
});

const optRatesShape = {
  optInRate: rate.meta({
    description: "granted / prompted × 100, on the native permission prompt",
  }),
  optOutRate: rate.meta({
    description:
      "opted out / opted in over the period × 100 (active at its start + opted in during it)",
  }),
};

const optCountsShape = {
  prompted: count.meta({ description: "Native permission prompts shown." }),
  granted: count.meta({ description: "Native permission prompts answered Allow." }),
  optedIn: count.meta({ description: "Devices that became active (registered or re-enabled)." }),
  optedOut: count.meta({ description: "Devices that turned pushes off." }),
};

export const overviewStatsSchema = z.object({
  range: statsRangeSchema,
  filters: statsFiltersSchema,
  totals: z.object({
    ...funnelShape,
    ...outcomeShape,
    ...optCountsShape,
    activeAtStart: count.meta({ description: "Active devices when the period began." }),
  }),
  rates: deliveryRatesSchema.extend(optRatesShape),
  benchmarks: z.object({ deliveryRate: benchmarkSchema, optOutRate: optOutBenchmarkSchema }),
  series: z.array(
    z.object({
      key: z.string().meta({ description: "Local day (YYYY-MM-DD) or UTC hour (ISO 8601)." }),
      start: isoDate,
      ...funnelShape,
      ...optCountsShape,
      rates: deliveryRatesSchema.extend(optRatesShape),
    }),
  ),
  byPlatform: z.array(
    z.object({
      platform: platformSchema,
      ...funnelShape,
      prompted: count,
      granted: count,
      rates: deliveryRatesSchema.extend({ optInRate: optRatesShape.optInRate }),
      benchmarks: z.object({ deliveryRate: benchmarkSchema, optInRate: benchmarkSchema }),
    }),
  ),
  byCategory: z.array(
    z.object({
      category: categorySchema,
      ...funnelShape,
      rates: deliveryRatesSchema,
      benchmarks: z.object({ deliveryRate: benchmarkSchema, openRate: benchmarkSchema }),
    }),
  ),
});

export type OverviewStats = z.infer<typeof overviewStatsSchema>;

export const audienceStatsSchema = z.object({
  range: statsRangeSchema,
  filters: statsFiltersSchema,
  current: z.object({
    subscribers: count,
    activeDevices: count,
    unsubscribedDevices: count,
    invalidDevices: count,
  }),
  series: z.array(
    z.object({
      key: z.string(),
      start: isoDate,
      subscribers: count.meta({
        description: "Subscribers at the end of the bucket (all platforms).",
      }),
      activeDevices: count.meta({ description: "Active devices at the end of the bucket." }),
      optedIn: count,
      optedOut: count,
      invalidated: count,
    }),
  ),
  tokenHealth: z.array(
    z.object({
      platform: platformSchema,
      active: count,
      unsubscribed: count,
      invalid: count,
      total: count,
      activeShare: rate.meta({ description: "active / total × 100" }),
    }),
  ),
});

export type AudienceStats = z.infer<typeof audienceStatsSchema>;

export const campaignStatsRowSchema = z.object({
  campaignId: z.string(),
  name: z.string(),
  category: categorySchema,
  status: z.string(),
  launchedAt: isoDate.nullable(),
  ...funnelShape,
  ...outcomeShape,
  rates: deliveryRatesSchema,
});

export type CampaignStatsRow = z.infer<typeof campaignStatsRowSchema>;

export const campaignStatsListSchema = z.object({
  range: statsRangeSchema,
  filters: statsFiltersSchema,
  data: z.array(campaignStatsRowSchema),
  nextCursor: z.string().nullable(),
});

export type CampaignStatsList = z.infer<typeof campaignStatsListSchema>;

const funnelStepSchema = z.object({
  step: z.enum(["sent", "delivered", "opened", "converted"]),
  count,
  rateFromPrevious: rate.meta({
    description: "This step / the previous one × 100 (the metric's rate).",
  }),
  dropOff: count.nullable().meta({ description: "Lost since the previous step." }),
});

export const campaignAnalyticsSchema = z.object({
  campaign: z.object({
    id: z.string(),
    name: z.string(),
    category: categorySchema,
    status: z.string(),
    launchedAt: isoDate.nullable(),
    completedAt: isoDate.nullable(),
  }),
  filters: z.object({ platform: platformSchema.nullable() }),
  totals: z.object({ ...funnelShape, ...outcomeShape }),
  rates: deliveryRatesSchema,
  benchmarks: z.object({ deliveryRate: benchmarkSchema, openRate: benchmarkSchema }),
  funnel: z.array(funnelStepSchema),
  timeToOpen: z.object({
    opens: count,
    buckets: z.array(
      z.object({
        label: z.string(),
        fromSeconds: z.number(),
        toSeconds: z.number().nullable(),
        opens: count,
        share: rate.meta({ description: "opens in the bucket / all opens × 100" }),
      }),
    ),
    median: z
      .object({ seconds: z.number(), isLowerBound: z.boolean() })
      .nullable()
      .meta({ description: "Estimated from the histogram (linear within the bucket)." }),
    meanSeconds: z.number().nullable(),
    benchmark: benchmarkSchema,
  }),
  afterSend: z.object({
    firstSentAt: isoDate.nullable(),
    hours: z.array(
      z.object({
        hour: count.meta({ description: "Hours since the first push of the campaign was sent." }),
        start: isoDate,
        opened: count,
        converted: count,
        revenue: z.number(),
      }),
    ),
    later: z.object({ opened: count, converted: count, revenue: z.number() }),
  }),
  byPlatform: z.array(
    z.object({
      platform: platformSchema,
      ...funnelShape,
      ...outcomeShape,
      rates: deliveryRatesSchema,
    }),
  ),
  experiment: z
    .object({
      metric: z.enum(["open_rate", "conversion_rate", "revenue_per_push"]),
      leaderVariantId: z.string().nullable(),
      leaderConfidence: rate.meta({
        description: "Confidence (%) that the leader beats every other variant.",
      }),
      variants: z.array(
        z.object({
          variantId: z.string(),
          key: z.string(),
          name: z.string(),
          isWinner: z.boolean(),
          sent: count,
          delivered: count,
          opened: count,
          converted: count,
          revenue: z.number(),
          rates: deliveryRatesSchema,
          confidenceVsLeader: rate.meta({
            description: "Confidence (%) that this variant beats the leader; null for the leader.",
          }),
        }),
      ),
    })
    .nullable()
    .meta({ description: "The A/B test's test phase, all platforms; null when there is none." }),
  errors: z.array(
    z.object({ status: z.enum(["failed", "expired", "canceled"]), reason: z.string(), count }),
  ),
  skips: z.array(z.object({ reason: z.string(), count })),
});

export type CampaignAnalytics = z.infer<typeof campaignAnalyticsSchema>;

export const filterOptionsSchema = z.object({
  segments: z.array(z.object({ id: z.string(), name: z.string() })),
});

export type FilterOptions = z.infer<typeof filterOptionsSchema>;
