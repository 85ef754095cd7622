import { randomBytes } from "node:crypto";
import type { Platform } from "@/lib/db/generated/enums";
import { composeApnsPayload } from "./build-apns-payload";
import { composeFcmMessage } from "./build-fcm-message";
import { composeWebPushPayload } from "./build-web-push-payload";
import type { NotificationContent } from "./content";
import { heraldBlockKey } from "./herald-block";
import { assertPayloadFits, utf8ByteLength } from "./limits";
import { resolvePlatformContent } from "./platform-content";
import type { PushMessageMap } from "./transport";

/**
 * One campaign variant's payload for one platform, built once: without
 * per-subscriber Liquid, the only thing that differs between two recipients
 * is the delivery id in the Herald block. `build(deliveryId)` returns exactly
 * what `build…Payload(content, { deliveryId, campaignId })` would (same
 * fields, same bytes, same error past the size limit) for a fraction of the
 * cost: the block is spliced into text composed once.
 */
export interface PayloadTemplate<P extends Platform> {
  build(deliveryId: string): PushMessageMap[P]["payload"];
}

// Random per process, so no content can contain it by accident; 24 hex
// characters, so it survives JSON (and FCM's JSON-in-JSON) unescaped.
const marker = randomBytes(12).toString("hex");

/** Text around the single marker occurrence, or null if it is not exactly once in `text`. */
function splitAtMarker(text: string): [string, string] | null {
  const at = text.indexOf(marker);
  if (at === -1 || text.indexOf(marker, at + marker.length) !== -1) return null;
  return [text.slice(0, at), text.slice(at + marker.length)];
}

/** Delivery ids are decimal digits: one byte per character, in JSON too. */
function bytesWith(templateBytes: number, deliveryId: string): number {
  return templateBytes - marker.length + utf8ByteLength(deliveryId);
}

function webTemplate(content: NotificationContent, campaignId: string): PayloadTemplate<"web"> {
  const composed = composeWebPushPayload(content, { deliveryId: marker, campaignId });
  const parts = splitAtMarker(composed.body);
  return {
    build(deliveryId) {
      if (!parts) return buildPlatformPayload("web", content, campaignId, deliveryId);
      const bytes = bytesWith(composed.bytes, deliveryId);
      assertPayloadFits("web", bytes);
      return { ...composed, body: parts[0] + deliveryId + parts[1], bytes };
    },
  };
}

function apnsTemplate(content: NotificationContent, campaignId: string): PayloadTemplate<"ios"> {
  const composed = composeApnsPayload(content, { deliveryId: marker, campaignId });
  const block = composed.payload[heraldBlockKey] as Record<string, unknown>;
  // The expiration is absolute: counted from each send, as the builder does.
  const { ttlSeconds } = resolvePlatformContent(content, "ios");
  return {
    build(deliveryId) {
      const bytes = bytesWith(composed.bytes, deliveryId);
      assertPayloadFits("ios", bytes);
      const built = {
        ...composed,
        payload: { ...composed.payload, [heraldBlockKey]: { ...block, d: deliveryId } },
        bytes,
      };
      if (ttlSeconds !== undefined && ttlSeconds !== 0) {
        built.expiration = Math.floor(Date.now() / 1000) + ttlSeconds;
      }
      return built;
    },
  };
}

function fcmTemplate(content: NotificationContent, campaignId: string): PayloadTemplate<"android"> {
  const composed = composeFcmMessage(content, { deliveryId: marker, campaignId });
  const data = composed.message.data ?? {};
  const parts = splitAtMarker(data[heraldBlockKey] ?? "");
  return {
    build(deliveryId) {
      if (!parts) return buildPlatformPayload("android", content, campaignId, deliveryId);
      const bytes = bytesWith(composed.bytes, deliveryId);
      assertPayloadFits("android", bytes);
      return {
        message: {
          ...composed.message,
          data: { ...data, [heraldBlockKey]: parts[0] + deliveryId + parts[1] },
        },
        bytes,
      };
    },
  };
}

/** One delivery's payload for `platform`, straight from the builders (personalised content). */
export function buildPlatformPayload<P extends Platform>(
  platform: P,
  content: NotificationContent,
  campaignId: string,
  deliveryId: string,
): PushMessageMap[P]["payload"] {
  const reference = { deliveryId, campaignId };
  const built =
    platform === "web"
      ? composeWebPushPayload(content, reference)
      : platform === "ios"
        ? composeApnsPayload(content, reference)
        : composeFcmMessage(content, reference);
  assertPayloadFits(platform, built.bytes);
  return built as PushMessageMap[P]["payload"];
}

/** Throws like the builders (too many actions) when the content cannot go to `platform` at all. */
export function createPayloadTemplate<P extends Platform>(
  platform: P,
  content: NotificationContent,
  campaignId: string,
): PayloadTemplate<P> {
  switch (platform) {
    case "web":
      return webTemplate(content, campaignId) as PayloadTemplate<P>;
    case "ios":
      return apnsTemplate(content, campaignId) as PayloadTemplate<P>;
    default:
      return fcmTemplate(content, campaignId) as PayloadTemplate<P>;
  }
}
