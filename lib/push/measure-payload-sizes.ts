import type { Platform } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { composeApnsPayload } from "./build-apns-payload";
import { composeFcmMessage } from "./build-fcm-message";
import { composeWebPushPayload } from "./build-web-push-payload";
import type { NotificationContent } from "./content";
import type { DeliveryReference } from "./herald-block";
import { payloadTooLarge, platformLimits } from "./limits";

export interface PayloadSize {
  bytes: number | null;
  limit: number;
  fits: boolean;
  /** Why this platform cannot take the content (too big, too many buttons), or null. */
  problem: string | null;
}

// As long as real ids get: a 19-digit bigint delivery id and a 25-character cuid.
const widestReference: DeliveryReference = {
  deliveryId: "9223372036854775807",
  campaignId: "cm0000000000000000000000a",
};

const composers: Record<Platform, (content: NotificationContent) => { bytes: number }> = {
  ios: (content) => composeApnsPayload(content, widestReference, { now: 0 }),
  android: (content) => composeFcmMessage(content, widestReference),
  web: (content) => composeWebPushPayload(content, widestReference),
};

/**
 * Byte size of each platform's payload for `content` (before personalisation),
 * with the widest delivery and campaign ids: the composer's live counter.
 * Pure and client-safe.
 */
export function measurePayloadSizes(
  content: NotificationContent,
  platforms: readonly Platform[] = ["ios", "android", "web"],
): Partial<Record<Platform, PayloadSize>> {
  const sizes: Partial<Record<Platform, PayloadSize>> = {};
  for (const platform of platforms) {
    const limit = platformLimits[platform].payloadBytes;
    try {
      const { bytes } = composers[platform](content);
      const fits = bytes <= limit;
      sizes[platform] = {
        bytes,
        limit,
        fits,
        problem: fits ? null : payloadTooLarge(platform, bytes).message,
      };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      sizes[platform] = { bytes: null, limit, fits: false, problem: error.message };
    }
  }
  return sizes;
}

/** Throws the first problem any of `platforms` has with `content` (for save and send-time validation). */
export function assertContentFitsPlatforms(
  content: NotificationContent,
  platforms: readonly Platform[],
): void {
  for (const platform of platforms) {
    const { bytes } = composers[platform](content);
    if (bytes > platformLimits[platform].payloadBytes) throw payloadTooLarge(platform, bytes);
  }
}
