import { z } from "zod";
import { notificationContentSchema } from "@/lib/push/content";
import { timeZoneSchema } from "@/lib/validation";
import { audienceSchema } from "./audience";

export const campaignCategorySchema = z.enum(["transactional", "marketing", "triggered"]);

export const variantInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  /** Relative share of the audience; variants split it in proportion. */
  weight: z.number().int().min(1).max(100).default(1),
  content: notificationContentSchema,
});

const localDate = z.iso.date();
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24-hour)");

/**
 * A scheduled time this recent still counts as "now" at launch (a click a
 * moment late); one older is refused rather than sent at once.
 */
export const PAST_SEND_GRACE_MS = 5 * 60_000;

export const scheduleSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("now") }),
  z.strictObject({ type: z.literal("at"), sendAt: z.iso.datetime({ offset: true }) }),
  /** At `time` on `date` in each subscriber's own time zone (the app's default when unknown). */
  z.strictObject({ type: z.literal("local_time"), date: localDate, time: localTime }),
  /**
   * On `date`, at the hour each subscriber opens pushes most (from their history; else the
   * app's best hour; else `defaultHour`), in their own time zone. A holdout share goes at
   * `defaultHour` so the lift can be measured.
   */
  z.strictObject({
    type: z.literal("best_hour"),
    date: localDate,
    defaultHour: z.number().int().min(0).max(23).default(10),
    holdoutPercent: z.number().int().min(0).max(50).default(0),
  }),
  /** Sends a copy of the campaign every day or on chosen weekdays, at `time` in `timezone`. */
  z
    .strictObject({
      type: z.literal("recurring"),
      frequency: z.enum(["daily", "weekly"]),
      time: localTime,
      timezone: timeZoneSchema,
      /** 0 = Sunday … 6 = Saturday; required for weekly. */
      weekdays: z.array(z.number().int().min(0).max(6)).min(1).max(7).optional(),
      endsOn: localDate.optional(),
    })
    .refine((value) => value.frequency === "daily" || Boolean(value.weekdays?.length), {
      message: "pick at least one weekday",
      path: ["weekdays"],
    }),
]);

export type Schedule = z.infer<typeof scheduleSchema>;

export const winnerMetricSchema = z.enum(["open_rate", "conversion_rate", "revenue_per_push"]);

/**
 * An A/B test. `winner`: the variants go to `testPercent` of the audience and,
 * once `windowMinutes` have passed, the best by `winnerMetric` goes to the
 * rest (automatically, or when a marketer picks it). `split`: the whole
 * audience is split between the variants and there is no remainder.
 */
export const experimentSchema = z.strictObject({
  mode: z.enum(["winner", "split"]).default("winner"),
  testPercent: z.number().int().min(5).max(50).default(15),
  winnerMetric: winnerMetricSchema.default("open_rate"),
  windowMinutes: z
    .number()
    .int()
    .min(15)
    .max(7 * 24 * 60)
    .default(240),
  selection: z.enum(["auto", "manual"]).default("auto"),
});

export type Experiment = z.infer<typeof experimentSchema>;

const eventName = z.string().trim().min(1).max(100);

/**
 * What starts a triggered campaign for one subscriber. `event`: that event
 * happened, `delayMinutes` ago, and none of `exitEvents` happened since (an
 * abandoned cart not followed by a purchase). `inactivity`: not seen for
 * `days`. Either way at most once per `oncePerHours` per subscriber.
 */
export const triggerSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("event"),
    event: eventName,
    delayMinutes: z
      .number()
      .int()
      .min(0)
      .max(30 * 24 * 60)
      .default(0),
    exitEvents: z.array(eventName).max(10).default([]),
    oncePerHours: z
      .number()
      .int()
      .min(1)
      .max(365 * 24)
      .default(24),
  }),
  z.strictObject({
    type: z.literal("inactivity"),
    days: z.number().int().min(1).max(365),
    oncePerHours: z
      .number()
      .int()
      .min(1)
      .max(365 * 24)
      .default(30 * 24),
  }),
]);

export type Trigger = z.infer<typeof triggerSchema>;

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
  experiment: experimentSchema.optional(),
  /** Required for (and only for) the triggered category. */
  trigger: triggerSchema.optional(),
});

export type CreateCampaignInput = z.infer<typeof createCampaignSchema>;
