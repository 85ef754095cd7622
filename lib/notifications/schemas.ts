import { z } from "zod";
import { campaignStatsSchema, campaignStatusSchema } from "@/lib/campaigns/api-schemas";
import { audienceSchema } from "@/lib/campaigns/audience";
import { notificationContentSchema } from "@/lib/push/content";

const maxLeadTimeMs = 365 * 24 * 3600 * 1000;

export const sendNotificationSchema = z.strictObject({
  audience: audienceSchema.meta({
    description:
      "Who receives it: `subscribers` (externalIds), `devices` (deviceIds), `segment` (segmentId), `filter` (an inline segment definition), `test_devices` or `all`; `platforms` narrows any of them.",
  }),
  content: notificationContentSchema,
  // "In the future" is checked when the send is made, not here: a replay of
  // an Idempotency-Key must still get its first answer once sendAt has passed.
  sendAt: z.iso
    .datetime({ offset: true })
    .refine((value) => Date.parse(value) <= Date.now() + maxLeadTimeMs, {
      message: "must be within a year",
    })
    .optional()
    .meta({ description: "Send later, at this time (ISO 8601); omit to send now." }),
  category: z.enum(["transactional", "marketing"]).default("transactional").meta({
    description:
      "Transactional pushes are never capped; marketing ones count against the app's frequency caps.",
  }),
  topicId: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "Skip subscribers who opted out of this topic." }),
  name: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .optional()
    .meta({ description: "Shown in the dashboard; defaults to the title." }),
  ttlSeconds: z
    .number()
    .int()
    .min(60)
    .max(28 * 24 * 3600)
    .optional()
    .meta({ description: "How long the push stays deliverable (60 s – 28 days; default 3 days)." }),
});

export type SendNotificationInput = z.infer<typeof sendNotificationSchema>;

const isoDate = z.string().meta({ format: "date-time" });

export const notificationSchema = z.object({
  id: z.string().meta({ description: "The campaign id of this send." }),
  name: z.string(),
  category: z.enum(["transactional", "marketing", "triggered"]),
  status: campaignStatusSchema,
  scheduledAt: isoDate.nullable(),
  launchedAt: isoDate.nullable(),
  completedAt: isoDate.nullable(),
  canceledAt: isoDate.nullable(),
  createdAt: isoDate,
});

export type NotificationDto = z.infer<typeof notificationSchema>;

export const sentNotificationSchema = notificationSchema.extend({
  unknownExternalIds: z.array(z.string()).meta({
    description:
      "External ids of the audience that name no subscriber of this app (a typo, or a user not registered yet): they receive nothing. Empty for other audiences.",
  }),
});

export type SentNotificationDto = z.infer<typeof sentNotificationSchema>;

export const notificationWithStatsSchema = notificationSchema.extend({
  stats: campaignStatsSchema,
});

export type NotificationWithStatsDto = z.infer<typeof notificationWithStatsSchema>;
