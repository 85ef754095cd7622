import { z } from "zod";
import { platformSchema } from "@/lib/devices/schemas";
import type { chooseWinner } from "@/lib/experiments/choose-winner";
import { pageQueryShape } from "@/lib/http/pagination";
import { notificationContentSchema } from "@/lib/push/content";
import { subscriberSchema } from "@/lib/subscribers/schemas";
import { bigintIdSchema } from "@/lib/validation";
import { audienceSchema } from "./audience";
import type { CampaignExperimentDto } from "./campaign-experiment-results";
import type { CampaignProgress } from "./campaign-progress";
import type { AudienceEstimate } from "./estimate-audience";
import type { listCampaignKeyNumbers } from "./list-campaign-key-numbers";
import type { listTestDevices } from "./list-test-devices";
import type { RenderedPreview } from "./render-preview";
import {
  campaignCategorySchema,
  createCampaignSchema,
  experimentSchema,
  scheduleSchema,
  triggerSchema,
  winnerMetricSchema,
} from "./schemas";
import type { sendTestPush } from "./send-test-push";

// Shapes of the campaigns API beyond creation (which is createCampaignSchema).

export const campaignStatusSchema = z.enum([
  "draft",
  "scheduled",
  "sending",
  "paused",
  "completed",
  "canceled",
  "failed",
]);

const create = createCampaignSchema.shape;

/** A draft's fields, each optional; `null` clears the optional ones. */
export const updateCampaignSchema = z
  .strictObject({
    name: create.name.optional(),
    category: create.category.unwrap().optional(),
    audience: create.audience.unwrap().optional(),
    topicId: create.topicId.unwrap().nullable().optional(),
    variants: create.variants.optional(),
    schedule: create.schedule.unwrap().optional(),
    ttlSeconds: create.ttlSeconds.unwrap().optional(),
    throttlePerMinute: create.throttlePerMinute.unwrap().nullable().optional(),
    experiment: create.experiment.unwrap().nullable().optional(),
    trigger: create.trigger.unwrap().nullable().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: "change at least one field" });

export type UpdateCampaignInput = z.infer<typeof updateCampaignSchema>;

const listFilter = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((value) => value.split(",").filter(Boolean))
    .pipe(z.array(item).min(1));

export const listCampaignsQuerySchema = z.strictObject({
  ...pageQueryShape,
  status: listFilter(campaignStatusSchema)
    .optional()
    .meta({ description: "One status or several, comma-separated: `sending,paused`." }),
  category: campaignCategorySchema.optional(),
  source: z.enum(["dashboard", "api", "test"]).optional(),
  q: z.string().trim().min(1).max(120).optional().meta({ description: "Name contains this text." }),
  parentId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .meta({ description: "Only the runs of this recurring campaign." }),
});

export type ListCampaignsQuery = z.infer<typeof listCampaignsQuerySchema>;

const isoDate = z.string().meta({ format: "date-time" });

export const variantSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  weight: z.number().int(),
  content: notificationContentSchema,
  isWinner: z.boolean(),
});

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: campaignCategorySchema,
  status: campaignStatusSchema,
  source: z.enum(["dashboard", "api", "test"]),
  audience: audienceSchema,
  topicId: z.string().nullable(),
  segmentId: z.string().nullable(),
  schedule: scheduleSchema,
  experiment: experimentSchema.nullable(),
  trigger: triggerSchema.nullable(),
  ttlSeconds: z.number().int(),
  throttlePerMinute: z.number().int().nullable(),
  audienceSize: z.number().int().nullable(),
  scheduledAt: isoDate.nullable(),
  launchedAt: isoDate.nullable(),
  completedAt: isoDate.nullable(),
  pausedAt: isoDate.nullable(),
  canceledAt: isoDate.nullable(),
  failureReason: z.string().nullable(),
  parentId: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  variants: z.array(variantSchema),
});

export type CampaignDto = z.infer<typeof campaignSchema>;

export const launchResultSchema = z.object({
  id: z.string(),
  status: campaignStatusSchema,
  scheduledAt: isoDate.nullable(),
});

const deliveryStatusSchema = z.enum([
  "pending",
  "queued",
  "sent",
  "failed",
  "skipped",
  "expired",
  "canceled",
]);

const rate = z.number().nullable();

/** DESIGN.md's definitions: percentages, null when the denominator is zero. */
export const campaignRatesSchema = z.object({
  deliveryRate: rate.meta({ description: "delivered / sent × 100" }),
  openRate: rate.meta({ description: "opened / delivered × 100" }),
  conversionRate: rate.meta({ description: "converted / opened × 100" }),
  revenuePerPush: rate.meta({ description: "attributed revenue / sent" }),
});

export type CampaignRates = z.infer<typeof campaignRatesSchema>;

const funnelShape = {
  sent: z.number().int().meta({ description: "Accepted by the push service." }),
  delivered: z
    .number()
    .int()
    .meta({ description: "Confirmed by the SDK (or implied by an open)." }),
  opened: z.number().int(),
  dismissed: z.number().int(),
  converted: z.number().int(),
  revenue: z.number().meta({ description: "Revenue attributed to these pushes." }),
};

export const campaignStatsSchema = z.object({
  campaignId: z.string(),
  status: campaignStatusSchema,
  audienceSize: z.number().int().nullable(),
  total: z.number().int().meta({ description: "Delivery rows: one per recipient device." }),
  byStatus: z.record(deliveryStatusSchema, z.number().int()),
  byReason: z.array(
    z.object({ status: deliveryStatusSchema, reason: z.string(), count: z.number().int() }),
  ),
  ...funnelShape,
  rates: campaignRatesSchema,
  byPlatform: z.array(
    z.object({
      platform: platformSchema,
      ...funnelShape,
      rates: campaignRatesSchema,
    }),
  ),
  byVariant: z.array(
    z.object({
      variantId: z.string().nullable(),
      key: z.string().nullable(),
      ...funnelShape,
      rates: campaignRatesSchema,
    }),
  ),
});

export type CampaignStatsDto = z.infer<typeof campaignStatsSchema>;

// The composer's helpers.

export const audienceEstimateSchema = z.strictObject({
  audience: audienceSchema,
  topicId: z.string().min(1).nullable().optional(),
});

export const previewContentSchema = z.strictObject({
  content: notificationContentSchema,
  /** A real subscriber to render for; null or absent renders with no attributes. */
  externalId: z.string().trim().min(1).max(256).nullable().optional(),
});

export const testSendSchema = z.strictObject({
  content: notificationContentSchema,
  deviceIds: z.array(bigintIdSchema("a device id")).min(1).max(20),
  /** Shown in the device's history as "Test · <name>". */
  campaignName: z.string().trim().min(1).max(100).optional(),
});

export const chooseWinnerSchema = z.strictObject({
  /** Omit to send the current leader on the test's metric. */
  variantId: z.string().min(1).max(64).optional(),
});

export const campaignKeyNumbersQuerySchema = z.strictObject({
  ids: z
    .string()
    .transform((value) => [...new Set(value.split(",").filter(Boolean))])
    .pipe(z.array(z.string().min(1).max(64)).min(1).max(100))
    .meta({ description: "Campaign ids, comma-separated (up to 100)." }),
});

// What the composer's helpers, the progress bar and the A/B results answer.
// Each schema is annotated with the type its function returns, so the
// compiler keeps the two in step.

export const campaignKeyNumbersListSchema: z.ZodType<
  Awaited<ReturnType<typeof listCampaignKeyNumbers>>
> = z.object({
  data: z
    .array(
      z.object({
        campaignId: z.string(),
        sent: funnelShape.sent,
        delivered: funnelShape.delivered,
        opened: funnelShape.opened,
        openRate: campaignRatesSchema.shape.openRate,
      }),
    )
    .meta({ description: "Campaigns with no delivery yet, and another app's, are left out." }),
});

export const campaignProgressSchema: z.ZodType<CampaignProgress> = z.object({
  campaignId: z.string(),
  status: campaignStatusSchema,
  total: z.number().int().nullable().meta({
    description:
      "Recipients listed so far (one per device); null until the launch starts listing them.",
  }),
  isAudienceComplete: z.boolean().meta({
    description:
      "False while the launch is still listing recipients (or a winner's remainder is being added).",
  }),
  sent: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  expired: z.number().int(),
  canceled: z.number().int(),
  remaining: z.number().int().meta({
    description:
      "Listed recipients with no outcome yet: waiting, in flight, or due later (local time, best hour).",
  }),
  scheduledAt: isoDate.nullable(),
  launchedAt: isoDate.nullable(),
  completedAt: isoDate.nullable(),
  experimentDecidesAt: isoDate.nullable().meta({
    description: "When an A/B test's window ends; null when no test waits for its winner.",
  }),
  throttlePerMinute: z.number().int().nullable(),
});

/** Its rates are fractions (0–1), not the stats' percentages: what the significance tests use. */
export const campaignExperimentSchema: z.ZodType<CampaignExperimentDto> = z.object({
  experiment: experimentSchema.nullable().meta({ description: "Null when it is no A/B test." }),
  decidesAt: isoDate.nullable().meta({
    description: "When the test window ends; null once the winner is chosen (or for a split).",
  }),
  canChooseWinner: z.boolean(),
  results: z
    .object({
      metric: winnerMetricSchema,
      leaderVariantId: z.string().nullable().meta({
        description:
          "The variant strictly ahead on the metric; null while none has a value, or on a tie.",
      }),
      leaderConfidence: rate.meta({
        description: "Confidence (0–1) that the leader beats every other variant.",
      }),
      variants: z.array(
        z.object({
          variantId: z.string(),
          key: z.string(),
          name: z.string(),
          isWinner: z.boolean(),
          sent: funnelShape.sent,
          delivered: funnelShape.delivered,
          opened: funnelShape.opened,
          converted: funnelShape.converted,
          revenue: funnelShape.revenue,
          openRate: rate.meta({ description: "opened / delivered (0–1)" }),
          conversionRate: rate.meta({ description: "converted / opened (0–1)" }),
          revenuePerPush: rate.meta({ description: "revenue / sent, in currency units" }),
          confidenceVsLeader: rate.meta({
            description:
              "Confidence (0–1) that this variant beats the leader on the metric; null for the leader.",
          }),
        }),
      ),
    })
    .nullable(),
});

export const chooseWinnerResultSchema: z.ZodType<Awaited<ReturnType<typeof chooseWinner>>> =
  z.object({
    winnerVariantId: z.string(),
    confidence: rate.meta({
      description: "That it beats every other variant (0–1); null when it was not the leader.",
    }),
  });

export const audienceEstimateResultSchema: z.ZodType<AudienceEstimate> = z.object({
  devices: z.number().int().meta({ description: "Active devices it reaches: one push each." }),
  subscribers: z.number().int().meta({ description: "People behind those devices." }),
  byPlatform: z.record(platformSchema, z.number().int()),
  unknownExternalIds: z.array(z.string()).meta({
    description:
      "External ids of the audience that name no subscriber (a typo, or not yet registered).",
  }),
});

export const renderedPreviewSchema: z.ZodType<RenderedPreview> = z.object({
  content: notificationContentSchema,
  subscriber: z
    .object({
      externalId: z.string().nullable(),
      attributes: subscriberSchema.shape.attributes,
    })
    .nullable()
    .meta({ description: "Null when rendered with no subscriber (every fallback)." }),
  sizes: z
    .partialRecord(
      platformSchema,
      z.object({
        bytes: z.number().int().nullable(),
        limit: z.number().int(),
        fits: z.boolean(),
        problem: z.string().nullable().meta({
          description: "Why this platform cannot take the content (too big, too many buttons).",
        }),
      }),
    )
    .meta({ description: "Each platform's payload size against its limit." }),
});

export const testDeviceListSchema: z.ZodType<Awaited<ReturnType<typeof listTestDevices>>> =
  z.object({
    data: z.array(
      z.object({
        id: z.string(),
        platform: platformSchema,
        label: z.string().meta({ description: '"Chrome on macOS", "iPhone 15 · iOS 18"' }),
        externalId: z.string().nullable(),
        lastSeenAt: isoDate,
      }),
    ),
  });

export const testSendResultSchema: z.ZodType<Awaited<ReturnType<typeof sendTestPush>>> = z.object({
  campaignId: z.string().meta({ description: "The test send's own campaign." }),
});
