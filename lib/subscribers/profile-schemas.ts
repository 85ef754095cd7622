import { z } from "zod";
import { deviceSchema } from "@/lib/devices/schemas";
import { eventSchema } from "@/lib/events/schemas";
import { subscriberSchema } from "./schemas";

const isoDate = z.string().meta({ format: "date-time" });

/** What became of one push, most telling first: converted beats opened beats delivered… */
export const messageOutcomeSchema = z.enum([
  "converted",
  "opened",
  "dismissed",
  "delivered",
  "sent",
  "pending",
  "failed",
  "skipped",
  "expired",
  "canceled",
]);

export type MessageOutcome = z.infer<typeof messageOutcomeSchema>;

export const messageSchema = z.object({
  deliveryId: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  category: z.enum(["transactional", "marketing", "triggered"]),
  variantKey: z.string().nullable(),
  deviceId: z.string().nullable(),
  platform: z.enum(["web", "ios", "android"]),
  status: z.enum(["pending", "queued", "sent", "failed", "skipped", "expired", "canceled"]),
  reason: z.string().nullable(),
  outcome: messageOutcomeSchema,
  createdAt: isoDate,
  sentAt: isoDate.nullable(),
  deliveredAt: isoDate.nullable(),
  openedAt: isoDate.nullable(),
  dismissedAt: isoDate.nullable(),
  convertedAt: isoDate.nullable(),
  revenue: z.number().nullable(),
});

export type MessageDto = z.infer<typeof messageSchema>;

export const topicPreferenceSchema = z.object({
  topicId: z.string(),
  key: z.string(),
  name: z.string(),
  optedIn: z.boolean(),
  /** True when the subscriber never chose and the topic's default applies. */
  isDefault: z.boolean(),
});

export type TopicPreferenceDto = z.infer<typeof topicPreferenceSchema>;

export const topicPreferenceListSchema = z.object({ data: z.array(topicPreferenceSchema) });

export const subscriberProfileSchema = z.object({
  subscriber: subscriberSchema,
  devices: z.array(deviceSchema),
  preferences: z.array(topicPreferenceSchema),
  recentEvents: z.array(eventSchema).meta({ description: "The 25 latest events." }),
  recentMessages: z.array(messageSchema).meta({ description: "The 25 latest pushes." }),
});

export type SubscriberProfileDto = z.infer<typeof subscriberProfileSchema>;

export const subscriberExportSchema = z.object({
  exportedAt: isoDate,
  subscriber: subscriberSchema,
  devices: z.array(deviceSchema),
  preferences: z.array(topicPreferenceSchema),
  events: z.array(eventSchema),
  messages: z.array(messageSchema),
});

export type SubscriberExportDto = z.infer<typeof subscriberExportSchema>;
