import { z } from "zod";
import { pageQueryShape } from "@/lib/http/pagination";

export const topicKeySchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(64, "must be at most 64 characters")
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "use lowercase letters, digits, - and _ (like order-updates)");

const name = z.string().trim().min(1, "is required").max(80, "must be at most 80 characters");
const description = z
  .string()
  .trim()
  .max(280, "must be at most 280 characters")
  .nullable()
  .optional();

export const createTopicSchema = z.strictObject({
  key: topicKeySchema,
  name,
  description,
  /** Whether a subscriber who never chose gets this topic's pushes. */
  defaultOptIn: z.boolean().default(true),
});

export type CreateTopicInput = z.infer<typeof createTopicSchema>;

/** The key is what SDKs and servers send; it does not change once created. */
export const updateTopicSchema = z
  .strictObject({ name: name.optional(), description, defaultOptIn: z.boolean().optional() })
  .refine((input) => Object.keys(input).length > 0, { message: "change at least one field" });

export type UpdateTopicInput = z.infer<typeof updateTopicSchema>;

export const listTopicsQuerySchema = z.strictObject({
  ...pageQueryShape,
  appId: z.string().optional(),
});

export type ListTopicsQuery = z.infer<typeof listTopicsQuerySchema>;

/**
 * A subscriber's choices by topic key: true opts in, false opts out, null
 * forgets the choice (the topic's default applies again). Topics left out
 * keep what they had.
 */
export const setPreferencesSchema = z.strictObject({
  preferences: z
    .record(topicKeySchema, z.boolean().nullable())
    .refine((preferences) => Object.keys(preferences).length > 0, "name at least one topic")
    .refine((preferences) => Object.keys(preferences).length <= 100, "at most 100 topics at once"),
});

export type SetPreferencesInput = z.infer<typeof setPreferencesSchema>;
export type PreferenceChanges = SetPreferencesInput["preferences"];

export interface TopicDto {
  id: string;
  key: string;
  name: string;
  description: string | null;
  defaultOptIn: boolean;
  /** Subscribers who made an explicit choice, each way. */
  optedIn: number;
  optedOut: number;
  /** Campaigns not yet finished that target it. */
  activeCampaignCount: number;
  createdAt: string;
}

const isoDate = z.string().meta({ format: "date-time" });

/** TopicDto as a schema; the annotation makes the compiler keep the two in step. */
export const topicSchema: z.ZodType<TopicDto> = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  defaultOptIn: z.boolean(),
  optedIn: z
    .number()
    .int()
    .meta({ description: "Subscribers who chose it; those who never chose are not counted." }),
  optedOut: z.number().int().meta({ description: "Subscribers who chose against it." }),
  activeCampaignCount: z
    .number()
    .int()
    .meta({ description: "Campaigns not yet finished that target it." }),
  createdAt: isoDate,
});

export interface TopicPreferenceDto {
  topicId: string;
  key: string;
  name: string;
  optedIn: boolean;
  /** True when the subscriber never chose and the topic's default applies. */
  isDefault: boolean;
}
