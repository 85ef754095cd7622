import type { NotificationContent } from "./content";
import { type DeliveryReference, heraldBlockKey } from "./herald-block";
import { assertPayloadFits, utf8ByteLength } from "./limits";
import type { WebPushPayload } from "./payloads";
import {
  assertActionsFit,
  compact,
  heraldBlockFor,
  resolvePlatformContent,
} from "./platform-content";

// Push services keep a message up to four weeks unless told otherwise (web-push's default too).
const defaultTtlSeconds = 28 * 24 * 60 * 60;

// RFC 8030 topics are at most 32 URL-safe base64 characters; a longer or
// richer collapse key is hashed into one (FNV-1a, twice, so 64 bits).
function topicFor(collapseKey: string | undefined): string | undefined {
  if (collapseKey === undefined) return undefined;
  if (/^[A-Za-z0-9_-]{1,32}$/.test(collapseKey)) return collapseKey;
  let low = 0x811c9dc5;
  let high = 0x01000193;
  for (let index = 0; index < collapseKey.length; index++) {
    low = Math.imul(low ^ collapseKey.charCodeAt(index), 0x01000193) >>> 0;
    high = Math.imul(high ^ collapseKey.charCodeAt(index), 0x811c9dc5) >>> 0;
  }
  return `k${high.toString(36)}${low.toString(36)}`;
}

/** The web push message, without the size check. */
export function composeWebPushPayload(
  content: NotificationContent,
  reference: DeliveryReference,
): WebPushPayload {
  const c = resolvePlatformContent(content, "web");
  assertActionsFit("web", c.actions);
  const web = c.web;
  // The shape the Herald service worker turns into showNotification(title, options).
  const message = compact({
    title: c.title ?? "",
    body: c.body,
    icon: c.iconUrl,
    image: c.imageUrl,
    badge: web.badgeUrl,
    tag: web.tag ?? c.collapseKey,
    renotify: web.renotify,
    requireInteraction: web.requireInteraction,
    silent: c.silent,
    dir: web.dir,
    lang: web.lang,
    vibrate: web.vibrate,
    url: c.url,
    actions: c.actions?.map((action) => ({ action: action.id, title: action.title })),
    data: c.data,
    [heraldBlockKey]: heraldBlockFor(reference, c),
  });
  const body = JSON.stringify(message);
  return compact({
    body,
    ttlSeconds: c.ttlSeconds ?? defaultTtlSeconds,
    urgency: c.silent ? "low" : c.priority === "high" ? "high" : "normal",
    topic: topicFor(c.collapseKey),
    bytes: utf8ByteLength(body),
  }) as WebPushPayload;
}

/** Builds the plaintext web-push encrypts; throws before any request past 3993 bytes. */
export function buildWebPushPayload(
  content: NotificationContent,
  reference: DeliveryReference,
): WebPushPayload {
  const built = composeWebPushPayload(content, reference);
  assertPayloadFits("web", built.bytes);
  return built;
}
