import { ECDH } from "node:crypto";
import { isIP } from "node:net";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { isPublicAddress } from "@/lib/net/public-address";
import { externalIdSchema } from "@/lib/subscribers/schemas";
import { bigintIdSchema } from "@/lib/validation";

export const platformSchema = z.enum(["web", "ios", "android"]);

function decodeBase64Url(value: string): Buffer | null {
  return /^[A-Za-z0-9_-]+={0,2}$/.test(value) ? Buffer.from(value, "base64url") : null;
}

/** A P-256 public key as browsers give it: 65 bytes, uncompressed, a point on the curve. */
function isP256PublicKey(value: string): boolean {
  const bytes = decodeBase64Url(value);
  if (bytes?.length !== 65 || bytes[0] !== 4) return false;
  try {
    ECDH.convertKey(bytes, "prime256v1", undefined, undefined, "uncompressed");
    return true;
  } catch {
    return false;
  }
}

/**
 * The worker POSTs to a subscription's endpoint, so an endpoint is a
 * server-side request target: https only, and never an IP literal on a
 * private or loopback network (the local push gateway excepted). Host names
 * are judged again when the push is sent.
 */
function isAcceptableEndpoint(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" || url.username || url.password) return false;
  const gateway = getEnv().HERALD_PUSH_GATEWAY_URL;
  if (gateway && url.origin === new URL(gateway).origin) return true;
  // "localhost." is localhost too: the trailing dot only marks the name fully qualified.
  const host = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return false;
  return isIP(host) === 0 || isPublicAddress(host);
}

export const webSubscriptionSchema = z
  .strictObject({
    endpoint: z.string().max(2048).refine(isAcceptableEndpoint, {
      message: "must be the https push service URL from the browser's PushSubscription",
    }),
    /** What `PushSubscription.toJSON()` carries; accepted so the SDK can send it as is. */
    expirationTime: z.number().nullable().optional(),
    keys: z.strictObject({
      p256dh: z.string().max(200).refine(isP256PublicKey, {
        message: "must be the subscription's P-256 public key (65 bytes, base64url)",
      }),
      auth: z
        .string()
        .max(64)
        .refine((value) => decodeBase64Url(value)?.length === 16, {
          message: "must be the subscription's 16-byte auth secret (base64url)",
        }),
    }),
  })
  .meta({ description: "The browser's PushSubscription, as `subscription.toJSON()` gives it." });

export type WebSubscriptionInput = z.infer<typeof webSubscriptionSchema>;

const apnsTokenSchema = z
  .string()
  .regex(/^(?:[0-9a-fA-F]{2}){32,100}$/, "must be the APNs device token in hex (64+ characters)")
  .transform((token) => token.toLowerCase());

const fcmTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_:-]{32,4096}$/, "must be the FCM registration token");

const shortText = (max: number) => z.string().trim().min(1).max(max);

const deviceMetadataShape = {
  externalId: externalIdSchema
    .optional()
    .meta({ description: "Attach to this subscriber (created if new); else an anonymous one." }),
  appVersion: shortText(64).optional(),
  osName: shortText(64).optional(),
  osVersion: shortText(64).optional(),
  deviceModel: shortText(128).optional(),
  browser: shortText(64).optional(),
  sdkVersion: shortText(32).optional(),
};

export const registerDeviceSchema = z.discriminatedUnion("platform", [
  z.strictObject({
    platform: z.literal("web"),
    subscription: webSubscriptionSchema,
    ...deviceMetadataShape,
  }),
  z.strictObject({ platform: z.literal("ios"), token: apnsTokenSchema, ...deviceMetadataShape }),
  z.strictObject({
    platform: z.literal("android"),
    token: fcmTokenSchema,
    ...deviceMetadataShape,
  }),
]);

export type RegisterDeviceInput = z.infer<typeof registerDeviceSchema>;

export const updateDeviceSchema = z.strictObject({
  isTestDevice: z
    .boolean()
    .meta({ description: "Test devices receive test sends from the composer." }),
});

export type UpdateDeviceInput = z.infer<typeof updateDeviceSchema>;

const isoDate = z.string().meta({ format: "date-time" });

export const deviceSchema = z.object({
  id: z.string(),
  subscriberId: z.string(),
  platform: platformSchema,
  status: z.enum(["active", "unsubscribed", "invalid"]),
  address: z
    .string()
    .meta({ description: "The token or endpoint, shortened: enough to recognise, not to use." }),
  isTestDevice: z.boolean(),
  optedInAt: isoDate.nullable(),
  optedOutAt: isoDate.nullable(),
  invalidatedAt: isoDate.nullable(),
  invalidReason: z.string().nullable(),
  lastRegisteredAt: isoDate,
  lastSeenAt: isoDate,
  appVersion: z.string().nullable(),
  osName: z.string().nullable(),
  osVersion: z.string().nullable(),
  deviceModel: z.string().nullable(),
  browser: z.string().nullable(),
  sdkVersion: z.string().nullable(),
  createdAt: isoDate,
});

export type DeviceDto = z.infer<typeof deviceSchema>;

export const registerDeviceResultSchema = deviceSchema.extend({
  created: z.boolean().meta({ description: "False when the token or endpoint was known already." }),
});

export const deviceIdParamSchema = bigintIdSchema("a device id").meta({
  description: "The device id Herald returned at registration.",
});
