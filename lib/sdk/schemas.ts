import { z } from "zod";
import { deviceIdParamSchema, webSubscriptionSchema } from "@/lib/devices/schemas";
import { deliveryIdSchema } from "@/lib/events/schemas";
import { externalIdSchema } from "@/lib/subscribers/schemas";
import { softPromptSettingsSchema } from "./sdk-settings";

export const sdkConfigSchema = z.object({
  appId: z.string().meta({ description: "The public app id." }),
  vapidPublicKey: z
    .string()
    .nullable()
    .meta({ description: "For `pushManager.subscribe`; null until web push is configured." }),
  prompt: softPromptSettingsSchema.meta({
    description:
      "The soft-ask to show before the browser's permission dialog (Settings → Web SDK).",
  }),
  topics: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      defaultOptIn: z.boolean(),
    }),
  ),
});

export type SdkConfigDto = z.infer<typeof sdkConfigSchema>;

export const identityHashSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, "must be the hex HMAC-SHA256 of the external id")
  .meta({
    description:
      "HMAC-SHA256 of `externalId` under the app's identity secret, hex: computed by your server. Required when the app requires identity verification.",
  });

const shortText = (max: number) => z.string().trim().min(1).max(max);

export const sdkSubscriptionSchema = z.strictObject({
  subscription: webSubscriptionSchema,
  externalId: externalIdSchema.optional(),
  identityHash: identityHashSchema.optional(),
  browser: shortText(64).optional(),
  osName: shortText(64).optional(),
  osVersion: shortText(64).optional(),
  deviceModel: shortText(128).optional(),
  sdkVersion: shortText(32).optional(),
});

export type SdkSubscriptionInput = z.infer<typeof sdkSubscriptionSchema>;

export const sdkSubscriptionResultSchema = z.object({
  deviceId: deviceIdParamSchema,
  deviceToken: z.string().meta({
    description:
      "Send as the X-Herald-Device-Token header on later SDK calls; a new one comes with every registration.",
  }),
  subscriberId: z.string(),
  externalId: z.string().nullable(),
  created: z.boolean(),
});

export type SdkSubscriptionResult = z.infer<typeof sdkSubscriptionResultSchema>;

export const sdkIdentifySchema = z.strictObject({
  externalId: externalIdSchema
    .nullable()
    .meta({ description: "Who is signed in on this browser; null signs them out." }),
  identityHash: identityHashSchema.optional(),
});

export const sdkIdentifyResultSchema = z.object({
  subscriberId: z.string(),
  externalId: z.string().nullable(),
});

export const sdkReceiptSchema = z
  .strictObject({
    deliveryId: deliveryIdSchema,
    type: z.enum(["delivered", "clicked", "dismissed", "action"]),
    actionId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "must be the action's id")
      .optional()
      .meta({ description: "Which action button, for `action`." }),
  })
  .refine((receipt) => receipt.type !== "action" || receipt.actionId !== undefined, {
    message: "is required for an action receipt",
    path: ["actionId"],
  });

export type SdkReceiptInput = z.infer<typeof sdkReceiptSchema>;

export const sdkReceiptResultSchema = z.object({
  recorded: z.boolean().meta({ description: "False when this receipt was already recorded." }),
});

export const sdkPromptSchema = z.strictObject({
  outcome: z.enum(["prompted", "granted", "denied"]),
  prompt: z
    .enum(["soft", "native"])
    .meta({ description: "Herald's soft-ask, or the browser's own permission dialog." }),
  visitorId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8–64 letters, digits, _ or -")
    .optional()
    .meta({ description: "The SDK's random per-browser id, to count people rather than prompts." }),
});

export type SdkPromptInput = z.infer<typeof sdkPromptSchema>;
