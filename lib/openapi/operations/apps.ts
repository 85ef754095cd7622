import { z } from "zod";
import type { AppDto } from "@/lib/apps/app-dto";
import { updateAppSchema } from "@/lib/apps/schemas";
import { sdkSettingsInputSchema } from "@/lib/sdk/sdk-settings";
import type { ApiOperation } from "../operation";

/** AppDto as a schema; the annotation makes the compiler keep the two in step. */
const appSchema: z.ZodType<AppDto> = z.object({
  id: z.string(),
  publicId: z.string(),
  name: z.string(),
  allowedOrigins: z.array(z.string()),
  defaultTimezone: z.string(),
  frequencyCaps: z.object({
    marketingPerDay: z.number().int(),
    marketingPerWeek: z.number().int(),
    transactionalPerDay: z.number().int().nullable(),
  }),
  quietHours: z.object({ startHour: z.number().int(), endHour: z.number().int() }).nullable(),
  attributionWindowHours: z.number().int(),
  sdkSettings: sdkSettingsInputSchema,
  identityVerification: z.object({ required: z.boolean(), hasSecret: z.boolean() }),
  isDemo: z.boolean(),
  createdAt: z.string(),
  role: z.enum(["owner", "admin", "marketer", "analyst", "developer"]).nullable(),
});

const appId = { name: "appId", description: "The app's id (the key's own app)." };

export const appOperations: ApiOperation[] = [
  {
    id: "getApp",
    method: "GET",
    path: "/api/v1/apps/{appId}",
    tag: "Apps",
    summary: "Get the app's settings",
    auth: "apiKey",
    scope: "read",
    pathParameters: [appId],
    responses: [{ status: 200, description: "The app", schema: appSchema }],
  },
  {
    id: "updateApp",
    method: "PATCH",
    path: "/api/v1/apps/{appId}",
    tag: "Apps",
    summary: "Change the app's settings",
    auth: "apiKey",
    scope: "admin",
    pathParameters: [appId],
    body: updateAppSchema,
    example: { allowedOrigins: ["https://shop.example.com"], attributionWindowHours: 48 },
    responses: [{ status: 200, description: "The app", schema: appSchema }],
  },
];
