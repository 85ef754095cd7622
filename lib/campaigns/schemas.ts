import { z } from "zod";
import { notificationContentSchema } from "@/lib/push/content";
import { audienceSchema } from "./audience";

export const campaignCategorySchema = z.enum(["transactional", "marketing", "triggered"]);

export const variantInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  /** Relative share of the audience; variants split it in proportion. */
  weight: z.number().int().min(1).max(100).default(1),
  content: notificationContentSchema,
});

export const scheduleSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("now") }),
  z.strictObject({ type: z.literal("at"), sendAt: z.iso.datetime({ offset: true }) }),
]);

export const createCampaignSchema = z.strictObject({
  name: z.string().trim().min(1, "is required").max(120),
  category: campaignCategorySchema.default("marketing"),
  audience: audienceSchema.default({ type: "all" }),
  topicId: z.string().min(1).optional(),
  variants: z.array(variantInputSchema).min(1).max(5),
  schedule: scheduleSchema.default({ type: "now" }),
  /** How long the push stays deliverable; nothing is sent after it. */
  ttlSeconds: z
    .number()
    .int()
    .min(60)
    .max(28 * 24 * 3600)
    .default(3 * 24 * 3600),
  throttlePerMinute: z.number().int().min(1).max(1_000_000).optional(),
});

export type CreateCampaignInput = z.infer<typeof createCampaignSchema>;
