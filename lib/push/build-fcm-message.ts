import type { AndroidConfig } from "firebase-admin/messaging";
import type { NotificationContent } from "./content";
import { type DeliveryReference, heraldBlockKey } from "./herald-block";
import { assertPayloadFits, utf8ByteLength } from "./limits";
import type { FcmPayload } from "./payloads";
import {
  assertActionsFit,
  compact,
  heraldBlockFor,
  resolvePlatformContent,
} from "./platform-content";

/** The FCM message, without the size check. */
export function composeFcmMessage(
  content: NotificationContent,
  reference: DeliveryReference,
): FcmPayload {
  const c = resolvePlatformContent(content, "android");
  assertActionsFit("android", c.actions);
  const android = c.android;
  // FCM data values must be strings: the Herald block travels as JSON text.
  const data = { ...c.data, [heraldBlockKey]: JSON.stringify(heraldBlockFor(reference, c)) };
  const config: AndroidConfig = compact({
    priority: c.priority ?? "high",
    ttl: c.ttlSeconds === undefined ? undefined : c.ttlSeconds * 1000,
    collapseKey: c.collapseKey,
  });
  if (!c.silent) {
    config.notification = compact({
      channelId: android.channelId,
      icon: android.smallIcon,
      color: android.color,
      sound: c.sound ?? "default",
      tag: android.tag ?? c.collapseKey,
      sticky: android.sticky,
      visibility: android.visibility,
      notificationCount: c.badge,
    });
  }
  const message: FcmPayload["message"] = { data, android: config };
  if (!c.silent)
    message.notification = compact({ title: c.title, body: c.body, imageUrl: c.imageUrl });
  return { message, bytes: utf8ByteLength(JSON.stringify(message)) };
}

/** Builds what firebase-admin sends for one delivery; throws before any request if it exceeds 4096 bytes. */
export function buildFcmMessage(
  content: NotificationContent,
  reference: DeliveryReference,
): FcmPayload {
  const built = composeFcmMessage(content, reference);
  assertPayloadFits("android", built.bytes);
  return built;
}
