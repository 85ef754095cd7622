import { z } from "zod";
import { pageQueryShape } from "@/lib/http/pagination";
import { timeZoneSchema } from "@/lib/validation";
import { isCountryCode } from "./countries";

// Request and response shapes of the subscribers API. Response schemas are
// what the OpenAPI document shows and what the DTO types are inferred from.

export const externalIdSchema = z
  .string()
  .min(1, "is required")
  .max(256)
  .regex(/^[^\p{Cc}]+$/u, "may not contain control characters")
  .refine((id) => id.trim() !== "", "may not be only spaces")
  .meta({ description: "Your own id for the user (an account id, never an email you rotate)." });

export const attributeKeySchema = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/,
    "keys must start with a letter or _ and hold up to 64 letters, digits, _, . or -",
  );

const attributeValueSchema = z.union([
  z.string().max(1024),
  z.number().refine(Number.isFinite, "must be a finite number"),
  z.boolean(),
]);

/** The most attributes one subscriber may hold, after merging. */
export const MAX_ATTRIBUTES = 200;
export const MAX_TAGS = 100;

export const tagSchema = z
  .string()
  .regex(/^[A-Za-z0-9_:.-]{1,64}$/, "must be 1–64 letters, digits, _, :, . or -");
const tagListSchema = z.array(tagSchema).max(MAX_TAGS);

/** BCP 47, also accepting the `en_US` spelling mobile platforms use; stored canonical (`en-US`). */
export const localeSchema = z
  .string()
  .max(35)
  .transform((value, context) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(value.replace(/_/g, "-"));
      if (canonical) return canonical;
    } catch {
      // Reported below.
    }
    context.addIssue({ code: "custom", message: "must be a BCP 47 locale such as en-US" });
    return z.NEVER;
  });

export const countrySchema = z
  .string()
  .transform((value) => value.toUpperCase())
  .refine(isCountryCode, { message: "must be an ISO 3166-1 alpha-2 country code such as FR" });

export const upsertSubscriberSchema = z.strictObject({
  attributes: z
    .record(attributeKeySchema, attributeValueSchema.nullable())
    .refine((value) => Object.keys(value).length <= 100, {
      message: "may set at most 100 attributes per request",
    })
    .optional()
    .meta({
      description:
        "Merged into the stored attributes: keys you send are set, `null` removes a key, others stay.",
    }),
  tags: z
    .strictObject({
      set: tagListSchema.optional().meta({ description: "Replaces all tags." }),
      add: tagListSchema.optional(),
      remove: tagListSchema.optional(),
    })
    .refine((value) => !(value.set && (value.add || value.remove)), {
      message: "use either set, or add and remove",
    })
    .optional(),
  timezone: timeZoneSchema.nullable().optional().meta({ description: "IANA zone; null clears." }),
  locale: localeSchema.nullable().optional(),
  country: countrySchema.nullable().optional(),
});

export type UpsertSubscriberInput = z.infer<typeof upsertSubscriberSchema>;

export const listSubscribersQuerySchema = z.strictObject({
  ...pageQueryShape,
  q: z
    .string()
    .trim()
    .max(256)
    .optional()
    .meta({ description: "External ids starting with this text." }),
  attribute: z
    .string()
    .max(1100)
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}=/, "must be key=value")
    .optional()
    .meta({
      description:
        "Subscribers whose attribute equals the value, e.g. `plan=pro`, `age=42`, `vip=true`.",
    }),
});

export type ListSubscribersQuery = z.infer<typeof listSubscribersQuerySchema>;

const isoDate = z.string().meta({ format: "date-time" });

export const subscriberSchema = z.object({
  id: z.string().meta({ description: "Herald's id (a decimal string)." }),
  externalId: z.string().nullable().meta({ description: "Null for an anonymous web visitor." }),
  attributes: z.record(z.string(), attributeValueSchema),
  tags: z.array(z.string()),
  timezone: z.string().nullable(),
  locale: z.string().nullable(),
  country: z.string().nullable(),
  firstSeenAt: isoDate,
  lastSeenAt: isoDate,
  createdAt: isoDate,
  updatedAt: isoDate,
});

export type SubscriberDto = z.infer<typeof subscriberSchema>;

export const subscriberListItemSchema = subscriberSchema.extend({
  deviceCount: z.number().int(),
  activeDeviceCount: z.number().int(),
  platforms: z.array(z.enum(["web", "ios", "android"])),
});

export type SubscriberListItemDto = z.infer<typeof subscriberListItemSchema>;

export const upsertSubscriberResultSchema = subscriberSchema.extend({
  created: z.boolean().meta({ description: "Whether this call created the subscriber." }),
});

export const eraseSubscriberResultSchema = z.object({
  erased: z.literal(true),
  devices: z.number().int(),
  events: z.number().int(),
  deliveriesAnonymised: z.number().int(),
});

export type EraseSubscriberResult = z.infer<typeof eraseSubscriberResultSchema>;
