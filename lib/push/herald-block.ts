/**
 * The small block every Herald push carries in its custom data, so the SDK
 * (and the local gateway) can tie a received push back to its delivery row:
 * `d` delivery id, `c` campaign id, plus how a tap should be handled.
 */
export interface HeraldBlock {
  d: string;
  c: string;
  /** Click URL or deep link. */
  u?: string;
  /** Action buttons: id, title, and where each leads. */
  a?: { id: string; t: string; u?: string }[];
  /** Image URL, for an iOS notification service extension to attach. */
  i?: string;
}

/** Key of the block in APNs custom data, FCM data and the web push JSON. */
export const heraldBlockKey = "herald";

export interface DeliveryReference {
  deliveryId: string;
  campaignId: string;
}

/** Reads the block from a parsed payload value (an object, or FCM's JSON string). */
export function readHeraldBlock(value: unknown): DeliveryReference | null {
  let block = value;
  if (typeof block === "string") {
    try {
      block = JSON.parse(block);
    } catch {
      return null;
    }
  }
  if (typeof block !== "object" || block === null) return null;
  const { d, c } = block as { d?: unknown; c?: unknown };
  if ((typeof d !== "string" && typeof d !== "number") || typeof c !== "string") return null;
  return { deliveryId: String(d), campaignId: c };
}
