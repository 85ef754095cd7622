import { z } from "zod";
import {
  campaignRatesSchema,
  campaignSchema,
  campaignStatsSchema,
} from "@/lib/campaigns/api-schemas";
import { audienceSchema } from "@/lib/campaigns/audience";
import { experimentSchema, scheduleSchema, triggerSchema } from "@/lib/campaigns/schemas";
import { deviceSchema, webSubscriptionSchema } from "@/lib/devices/schemas";
import { eventSchema } from "@/lib/events/schemas";
import { notificationContentSchema } from "@/lib/push/content";
import { segmentDefinitionObjectSchema, segmentNodeSchema } from "@/lib/segments/definition";
import { messageSchema, topicPreferenceSchema } from "@/lib/subscribers/profile-schemas";
import { subscriberSchema } from "@/lib/subscribers/schemas";

/**
 * Schemas the document names once under components and refers to wherever
 * they appear: the notification content alone would otherwise be repeated in
 * a dozen places. A registry of our own, so the schemas themselves stay untouched.
 */
export const componentRegistry = z.registry<{ id: string }>();

const named: [z.ZodType, string][] = [
  [notificationContentSchema, "NotificationContent"],
  [audienceSchema, "Audience"],
  [scheduleSchema, "Schedule"],
  [experimentSchema, "Experiment"],
  [triggerSchema, "Trigger"],
  [campaignSchema, "Campaign"],
  [campaignStatsSchema, "CampaignStats"],
  [campaignRatesSchema, "CampaignRates"],
  [subscriberSchema, "Subscriber"],
  [deviceSchema, "Device"],
  [eventSchema, "Event"],
  [messageSchema, "Message"],
  [topicPreferenceSchema, "TopicPreference"],
  [webSubscriptionSchema, "WebPushSubscription"],
  [segmentDefinitionObjectSchema, "SegmentDefinition"],
  [segmentNodeSchema, "SegmentNode"],
];

for (const [schema, id] of named) componentRegistry.add(schema, { id });

export const registeredSchemas: readonly z.ZodType[] = named.map(([schema]) => schema);
