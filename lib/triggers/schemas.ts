import { z } from "zod";
import { campaignStatusSchema } from "@/lib/campaigns/api-schemas";
import { triggerSchema } from "@/lib/campaigns/schemas";

// Shapes of a triggered campaign's activity (GET /api/v1/campaigns/{id}/trigger-activity).

export const triggerActivityQuerySchema = z.strictObject({
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(90)
    .default(7)
    .meta({ description: "The last N days in the app's time zone, today included (1–90)." }),
});

export type TriggerActivityQuery = z.infer<typeof triggerActivityQuerySchema>;

const isoDate = z.string().meta({ format: "date-time" });
const count = z.number().int();

const firingCountsShape = {
  pending: count.meta({ description: "Waiting for their delay to pass." }),
  sent: count.meta({
    description: "Handed to the delivery pipeline (caps and preferences apply).",
  }),
  exited: count.meta({ description: "Closed because the person did an exit event in between." }),
  skipped: count.meta({ description: "Closed without a push." }),
};

export const triggerActivitySchema = z.object({
  campaignId: z.string(),
  status: campaignStatusSchema,
  /** Null when the campaign is not a triggered one (every count is then 0). */
  trigger: triggerSchema.nullable(),
  period: z.object({
    days: count,
    from: z.iso.date().meta({ description: "First local day, inclusive." }),
    to: z.iso.date().meta({ description: "Last local day (today), inclusive." }),
    timezone: z.string(),
  }),
  firings: z
    .object({ ...firingCountsShape, total: count })
    .meta({ description: "Firings of the period (by when they fired), by status." }),
  exits: z
    .array(
      z.object({
        event: z
          .string()
          .nullable()
          .meta({ description: "The exit event done first after the firing; null if erased." }),
        count,
      }),
    )
    .meta({ description: "Why the period's exited firings were closed, commonest first." }),
  daily: z.array(z.object({ date: z.iso.date(), ...firingCountsShape })),
  upcoming: z
    .object({
      pending: count.meta({ description: "Every firing still waiting, whenever it fired." }),
      dueNow: count.meta({ description: "Due already: sent at the next tick while active." }),
      next24Hours: count.meta({ description: "Due within the next 24 hours." }),
      nextDueAt: isoDate.nullable().meta({ description: "When the next waiting firing is due." }),
    })
    .meta({ description: "Firings not sent yet." }),
});

export type TriggerActivityDto = z.infer<typeof triggerActivitySchema>;
