import { z } from "zod";
import { pageQueryShape } from "@/lib/http/pagination";
import { notificationContentSchema } from "@/lib/push/content";
import { bigintIdSchema } from "@/lib/validation";
import { audienceSchema } from "./audience";
import {
  campaignCategorySchema,
  createCampaignSchema,
  experimentSchema,
  scheduleSchema,
  triggerSchema,
} from "./schemas";

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
      platform: z.enum(["web", "ios", "android"]),
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
