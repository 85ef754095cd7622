import type { NotificationContent } from "./content";
import { type DeliveryReference, heraldBlockKey } from "./herald-block";
import { assertPayloadFits, utf8ByteLength } from "./limits";
import type { ApnsPayload } from "./payloads";
import {
  assertActionsFit,
  compact,
  heraldBlockFor,
  resolvePlatformContent,
} from "./platform-content";

// Category the Herald iOS SDK registers at launch; its notification service
// extension fills in the buttons from the Herald block.
const heraldActionsCategory = "HERALD_ACTIONS";

/** The APNs request, without the size check (the composer's byte counter wants oversize numbers too). */
export function composeApnsPayload(
  content: NotificationContent,
  reference: DeliveryReference,
  options: { now?: number } = {},
): ApnsPayload {
  const c = resolvePlatformContent(content, "ios");
  assertActionsFit("ios", c.actions);
  const ios = c.ios;
  const aps: Record<string, unknown> = {};
  if (c.silent) {
    aps["content-available"] = 1;
  } else {
    aps.alert = compact({ title: c.title, subtitle: ios.subtitle, body: c.body });
    aps.sound = c.sound ?? "default";
    // The service extension downloads the image and builds action buttons.
    if (c.imageUrl || c.actions?.length) aps["mutable-content"] = 1;
    aps.category = ios.category ?? (c.actions?.length ? heraldActionsCategory : undefined);
    aps["thread-id"] = ios.threadId;
    aps["interruption-level"] = ios.interruptionLevel;
    aps["relevance-score"] = ios.relevanceScore;
    aps["target-content-id"] = ios.targetContentId;
  }
  aps.badge = c.badge;
  const payload: Record<string, unknown> = {
    ...c.data,
    aps: compact(aps),
    [heraldBlockKey]: heraldBlockFor(reference, c, c.imageUrl ? { i: c.imageUrl } : {}),
  };
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  return compact({
    payload,
    // Apple: a background push must go at priority 5.
    pushType: c.silent ? "background" : "alert",
    priority: c.silent || c.priority === "normal" ? 5 : 10,
    expiration:
      c.ttlSeconds === undefined ? undefined : c.ttlSeconds === 0 ? 0 : now + c.ttlSeconds,
    collapseId: c.collapseKey,
    bytes: utf8ByteLength(JSON.stringify(payload)),
  }) as ApnsPayload;
}

/** Builds what node-apn sends for one delivery; throws before any request if it exceeds 4096 bytes. */
export function buildApnsPayload(
  content: NotificationContent,
  reference: DeliveryReference,
  options: { now?: number } = {},
): ApnsPayload {
  const built = composeApnsPayload(content, reference, options);
  assertPayloadFits("ios", built.bytes);
  return built;
}
