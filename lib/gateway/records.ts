import type { IncomingHttpHeaders } from "node:http";
import type { DeliveryReference } from "@/lib/push/herald-block";
import type { GatewayPlatform } from "./faults";

export interface Counts {
  accepted: number;
  rejected: number;
  /** Accepted again for a delivery id already accepted: what at-least-once must keep at zero. */
  duplicates: number;
}

export interface GatewayStats extends Counts {
  campaignId: string | null;
  byPlatform: Record<GatewayPlatform, Counts>;
  rejectedByReason: Record<string, number>;
}

export interface AcceptedMessage {
  platform: GatewayPlatform;
  /** APNs/FCM token or web push subscription id. */
  device: string;
  campaignId: string | null;
  deliveryId: string | null;
  /** Milliseconds since the epoch. */
  receivedAt: number;
  /** The provider-specific request headers worth asserting on (apns-*, TTL, Urgency, Topic). */
  headers: Record<string, string>;
  /** How the request came: an HTTP/2 stream or an HTTP/1.1 request. */
  protocol: "h2" | "http/1.1";
  /** The payload as the device would see it: decrypted, parsed JSON. */
  payload: unknown;
}

/** As recorded: the request's own header object, filtered only when someone reads the log. */
export type RecordedMessage = Omit<AcceptedMessage, "headers" | "protocol"> & {
  headers: IncomingHttpHeaders;
};

// Per platform, the headers a test or benchmark wants to see again.
const reportedHeaders: Record<GatewayPlatform, string[]> = {
  web: ["ttl", "urgency", "topic", "content-encoding"],
  ios: [
    "apns-push-type",
    "apns-topic",
    "apns-priority",
    "apns-expiration",
    "apns-collapse-id",
    "apns-id",
  ],
  android: [],
};

function reported(message: RecordedMessage): AcceptedMessage {
  const headers: Record<string, string> = {};
  for (const name of reportedHeaders[message.platform]) {
    const value = message.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  // Only HTTP/2 requests carry pseudo-headers.
  return { ...message, headers, protocol: message.headers[":method"] ? "h2" : "http/1.1" };
}

export interface MessageFilter {
  campaignId?: string;
  platform?: GatewayPlatform;
  device?: string;
  limit?: number;
}

const zero = (): Counts => ({ accepted: 0, rejected: 0, duplicates: 0 });

/** One request for one device, as the per-device request log keeps it. */
export interface DeviceRequest {
  /** When the gateway handled it (ms since the epoch), before any answer went out. */
  at: number;
  /** `accepted`, or the rejection reason (`http_429`, `TooManyRequests`, `no_answer`, …). */
  outcome: string;
}

class CampaignCounts {
  readonly total = zero();
  readonly byPlatform: Record<GatewayPlatform, Counts> = {
    web: zero(),
    ios: zero(),
    android: zero(),
  };
  readonly rejectedByReason = new Map<string, number>();
  /** Delivery ids are bigint row ids, so most fit a number; others keep their string. */
  readonly deliveries = new Set<number | string>();

  snapshot(campaignId: string | null): GatewayStats {
    return {
      campaignId,
      ...this.total,
      byPlatform: {
        web: { ...this.byPlatform.web },
        ios: { ...this.byPlatform.ios },
        android: { ...this.byPlatform.android },
      },
      rejectedByReason: Object.fromEntries(this.rejectedByReason),
    };
  }
}

// 53-bit string hash (cyrb53): per-device counts for a million tokens stay a
// compact Map<number, …> instead of a million long string keys.
function hashDevice(platform: GatewayPlatform, device: string): number {
  let h1 = 0xdeadbeef ^ platform.length;
  let h2 = 0x41c6ce57 ^ platform.charCodeAt(0);
  for (let index = 0; index < device.length; index++) {
    const code = device.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const deliveryKey = (deliveryId: string): number | string => {
  const numeric = Number(deliveryId);
  return Number.isSafeInteger(numeric) && String(numeric) === deliveryId ? numeric : deliveryId;
};

/** What the gateway accepted and rejected, per campaign and per device, kept in memory only. */
export class GatewayRecorder {
  private all = new CampaignCounts();
  private campaigns = new Map<string, CampaignCounts>();
  private devices = new Map<number, Counts>();
  private log: RecordedMessage[] = [];
  private logNext = 0;
  private requests = new Map<number, DeviceRequest[]>();

  /**
   * `keepRequests` also logs every request's time and outcome per device, so
   * a fault test can check retry spacing; off by default (benchmarks send millions).
   */
  constructor(
    private readonly logSize = 1000,
    private readonly keepRequests = false,
  ) {}

  private note(platform: GatewayPlatform, device: string, at: number, outcome: string): void {
    if (!this.keepRequests) return;
    const key = hashDevice(platform, device);
    const list = this.requests.get(key);
    if (list) list.push({ at, outcome });
    else this.requests.set(key, [{ at, outcome }]);
  }

  private campaign(reference: DeliveryReference | null): CampaignCounts | null {
    if (!reference) return null;
    let counts = this.campaigns.get(reference.campaignId);
    if (!counts) {
      counts = new CampaignCounts();
      this.campaigns.set(reference.campaignId, counts);
    }
    return counts;
  }

  private device(platform: GatewayPlatform, device: string): Counts {
    const key = hashDevice(platform, device);
    let counts = this.devices.get(key);
    if (!counts) {
      counts = zero();
      this.devices.set(key, counts);
    }
    return counts;
  }

  accepted(message: RecordedMessage, reference: DeliveryReference | null): void {
    const campaign = this.campaign(reference);
    let duplicate = false;
    if (campaign && reference) {
      const key = deliveryKey(reference.deliveryId);
      duplicate = campaign.deliveries.has(key);
      if (!duplicate) campaign.deliveries.add(key);
    }
    for (const counts of campaign ? [this.all, campaign] : [this.all]) {
      counts.total.accepted++;
      counts.byPlatform[message.platform].accepted++;
      if (duplicate) {
        counts.total.duplicates++;
        counts.byPlatform[message.platform].duplicates++;
      }
    }
    const device = this.device(message.platform, message.device);
    device.accepted++;
    if (duplicate) device.duplicates++;
    this.note(message.platform, message.device, message.receivedAt, "accepted");
    if (this.logSize > 0) {
      this.log[this.logNext] = message;
      this.logNext = (this.logNext + 1) % this.logSize;
    }
  }

  rejected(
    platform: GatewayPlatform,
    device: string | null,
    reference: DeliveryReference | null,
    reason: string,
  ): void {
    const campaign = this.campaign(reference);
    for (const counts of campaign ? [this.all, campaign] : [this.all]) {
      counts.total.rejected++;
      counts.byPlatform[platform].rejected++;
      counts.rejectedByReason.set(reason, (counts.rejectedByReason.get(reason) ?? 0) + 1);
    }
    if (device !== null) {
      this.device(platform, device).rejected++;
      this.note(platform, device, Date.now(), reason);
    }
  }

  stats(campaignId?: string): GatewayStats {
    if (campaignId === undefined) return this.all.snapshot(null);
    return (this.campaigns.get(campaignId) ?? new CampaignCounts()).snapshot(campaignId);
  }

  deviceStats(platform: GatewayPlatform, device: string): Counts {
    return { ...(this.devices.get(hashDevice(platform, device)) ?? zero()) };
  }

  /** Every request for one device in arrival order; empty unless the recorder keeps requests. */
  deviceRequests(platform: GatewayPlatform, device: string): DeviceRequest[] {
    return [...(this.requests.get(hashDevice(platform, device)) ?? [])];
  }

  /** The most recent accepted messages, newest first. */
  messages(filter: MessageFilter = {}): AcceptedMessage[] {
    const ordered = [...this.log.slice(this.logNext), ...this.log.slice(0, this.logNext)].reverse();
    const matching = ordered.filter(
      (message) =>
        message !== undefined &&
        (filter.campaignId === undefined || message.campaignId === filter.campaignId) &&
        (filter.platform === undefined || message.platform === filter.platform) &&
        (filter.device === undefined || message.device === filter.device),
    );
    return matching.slice(0, filter.limit ?? matching.length).map(reported);
  }

  reset(): void {
    this.all = new CampaignCounts();
    this.campaigns = new Map();
    this.devices = new Map();
    this.log = [];
    this.logNext = 0;
    this.requests = new Map();
  }
}
