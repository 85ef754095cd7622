import { z } from "zod";

// The notification content a campaign or an API send carries, before
// personalisation; the composer, the public API and the payload builders share it.
// Client-safe: no Node imports.

const maxUrlLength = 2048;
const forbiddenSchemes = new Set([
  "javascript",
  "data",
  "vbscript",
  "file",
  "blob",
  "about",
  "filesystem",
]);
const schemePattern = /^([a-z][a-z0-9+.-]*):/i;

// Whitespace, control and zero-width characters are how `java\tscript:`
// slips past a scheme check; a link never needs them unencoded.
function hasInvisibleCharacters(value: string): boolean {
  if (/\s/.test(value)) return true;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x200b && code <= 0x200f) ||
      code === 0xfeff
    ) {
      return true;
    }
  }
  return false;
}

/** An absolute https URL (images, icons: fetched by the device, so never plain http). */
export function isHttpsUrl(value: string): boolean {
  if (hasInvisibleCharacters(value) || value.includes("\\")) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * Where a tap leads: an https URL, a relative deep link (`/orders/42`, opened
 * on the app's own origin), or an app link (`shop://orders/42`). Never
 * javascript:, data: and the like, nor http: or protocol-relative `//host`.
 */
export function isSafeClickUrl(value: string): boolean {
  if (value === "" || hasInvisibleCharacters(value) || value.includes("\\")) return false;
  if (value.startsWith("/")) return !value.startsWith("//");
  const scheme = schemePattern.exec(value)?.[1]?.toLowerCase();
  if (!scheme) return false;
  if (scheme === "https") return isHttpsUrl(value);
  return scheme !== "http" && !forbiddenSchemes.has(scheme);
}

const httpsUrl = z
  .string()
  .trim()
  .max(maxUrlLength)
  .refine(isHttpsUrl, { message: "must be an https:// URL" });

export const clickUrlSchema = z.string().trim().max(maxUrlLength).refine(isSafeClickUrl, {
  message:
    "must be an https:// URL, a relative deep link (/path) or an app link (myapp://path); javascript:, data: and http: links are not allowed",
});

export const actionSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 letters, digits, _ or -"),
  title: z.string().trim().min(1).max(64),
  url: clickUrlSchema.optional(),
});

// Keys the payloads use themselves, or FCM refuses in `data`.
const reservedDataKey = (key: string) =>
  ["herald", "aps", "from", "notification", "message_type", "collapse_key"].includes(key) ||
  key.startsWith("google.") ||
  key.startsWith("gcm.");

const dataSchema = z
  .record(
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, "keys must be 1–64 letters, digits, _, . or -")
      .refine((key) => !reservedDataKey(key), {
        message:
          "is reserved (herald, aps, from, notification, message_type, collapse_key, google.*, gcm.*)",
      }),
    z.string().max(4096),
  )
  .refine((data) => Object.keys(data).length <= 50, { message: "may hold at most 50 keys" });

export const androidContentSchema = z.strictObject({
  channelId: z.string().trim().min(1).max(100).optional(),
  /** Small icon: a drawable resource name in the app. */
  smallIcon: z
    .string()
    .regex(/^[a-z0-9_]{1,100}$/, "must be a drawable resource name")
    .optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "must be #RRGGBB")
    .optional(),
  tag: z.string().trim().min(1).max(64).optional(),
  sticky: z.boolean().optional(),
  visibility: z.enum(["private", "public", "secret"]).optional(),
});

export const iosContentSchema = z.strictObject({
  subtitle: z.string().trim().max(256).optional(),
  category: z.string().trim().min(1).max(64).optional(),
  threadId: z.string().trim().min(1).max(64).optional(),
  interruptionLevel: z.enum(["passive", "active", "time-sensitive", "critical"]).optional(),
  relevanceScore: z.number().min(0).max(1).optional(),
  targetContentId: z.string().trim().min(1).max(64).optional(),
});

export const webContentSchema = z.strictObject({
  requireInteraction: z.boolean().optional(),
  /** The small monochrome badge Android Chrome shows in the status bar. */
  badgeUrl: httpsUrl.optional(),
  renotify: z.boolean().optional(),
  tag: z.string().trim().min(1).max(64).optional(),
  dir: z.enum(["auto", "ltr", "rtl"]).optional(),
  lang: z.string().trim().max(35).optional(),
  vibrate: z.array(z.number().int().min(0).max(10_000)).max(20).optional(),
});

const sharedFields = {
  title: z.string().trim().max(256).optional(),
  body: z.string().trim().max(4000).optional(),
  imageUrl: httpsUrl.optional(),
  iconUrl: httpsUrl.optional(),
  badge: z.number().int().min(0).max(99_999).optional(),
  /** "default" or a sound file bundled in the app. */
  sound: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be a sound file name or "default"')
    .optional(),
  url: clickUrlSchema.optional(),
  /** Capped per platform when built: iOS 4, Android 3, web 2. */
  actions: z.array(actionSchema).max(4).optional(),
  data: dataSchema.optional(),
  /** How long the push service keeps trying; 0 means now or never. */
  ttlSeconds: z
    .number()
    .int()
    .min(0)
    .max(28 * 24 * 60 * 60)
    .optional(),
  priority: z.enum(["high", "normal"]).optional(),
  /** A newer push with the same key replaces an undelivered or shown older one. */
  collapseKey: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be 1–64 letters, digits, _, ., : or -")
    .optional(),
  /** A background push: no alert, wakes the app (web: shown without sound or vibration). */
  silent: z.boolean().optional(),
};

const hasUniqueActionIds = ({ actions }: { actions?: { id: string }[] }) =>
  !actions || new Set(actions.map((action) => action.id)).size === actions.length;
const uniqueActionIdsIssue = { message: "action ids must be unique", path: ["actions"] };

export const notificationContentSchema = z
  .strictObject({
    ...sharedFields,
    android: androidContentSchema.optional(),
    ios: iosContentSchema.optional(),
    web: webContentSchema.optional(),
    /** Per-platform replacements for any field above. */
    overrides: z
      .strictObject({
        ios: z
          .strictObject({ ...sharedFields, ios: iosContentSchema.optional() })
          .refine(hasUniqueActionIds, uniqueActionIdsIssue)
          .optional(),
        android: z
          .strictObject({ ...sharedFields, android: androidContentSchema.optional() })
          .refine(hasUniqueActionIds, uniqueActionIdsIssue)
          .optional(),
        web: z
          .strictObject({ ...sharedFields, web: webContentSchema.optional() })
          .refine(hasUniqueActionIds, uniqueActionIdsIssue)
          .optional(),
      })
      .optional(),
  })
  .refine(hasUniqueActionIds, uniqueActionIdsIssue)
  .refine((content) => content.silent === true || Boolean(content.title || content.body), {
    message: "a visible notification needs a title or a body (or set silent)",
    path: ["title"],
  });

export type NotificationContent = z.infer<typeof notificationContentSchema>;
export type NotificationContentInput = z.input<typeof notificationContentSchema>;
export type NotificationAction = z.infer<typeof actionSchema>;
