import { z } from "zod";
import { sdkSettingsInputSchema } from "@/lib/sdk/sdk-settings";
import { originSchema, timeZoneSchema } from "@/lib/validation";

const hourOfDay = z.number().int().min(0).max(23);

export const appSettingsSchema = z.strictObject({
  name: z.string().trim().min(1, "is required").max(80),
  allowedOrigins: z.array(originSchema).max(20),
  defaultTimezone: timeZoneSchema,
  frequencyCaps: z
    .strictObject({
      marketingPerDay: z.number().int().min(0).max(100),
      marketingPerWeek: z.number().int().min(0).max(500),
      transactionalPerDay: z.number().int().min(1).max(10_000).nullable(),
    })
    // A daily cap above the weekly one never applies: most likely a typo.
    .refine((caps) => caps.marketingPerDay <= caps.marketingPerWeek, {
      message: "can be at most the weekly cap",
      path: ["marketingPerDay"],
    }),
  quietHours: z
    .strictObject({ startHour: hourOfDay, endHour: hourOfDay })
    .refine((value) => value.startHour !== value.endHour, {
      message: "start and end must differ",
      path: ["endHour"],
    })
    .nullable(),
  attributionWindowHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  /** The web SDK's soft-ask (Settings → Web SDK). */
  sdkSettings: sdkSettingsInputSchema,
  /** The web SDK logs in only with an identity hash from the app's server (Settings → Web SDK). */
  requireIdentityVerification: z.boolean(),
});

export const createAppSchema = z.strictObject({
  name: appSettingsSchema.shape.name,
  defaultTimezone: timeZoneSchema.default("UTC"),
  allowedOrigins: appSettingsSchema.shape.allowedOrigins.default([]),
});

export const updateAppSchema = appSettingsSchema.partial();

export type CreateAppInput = z.infer<typeof createAppSchema>;
export type UpdateAppInput = z.infer<typeof updateAppSchema>;
