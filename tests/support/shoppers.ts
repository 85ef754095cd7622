// An app's audience arriving the way it does in production: browsers through
// the web SDK's endpoints, phones and profile data from the customer's own
// servers through the public API. Subscriptions and FCM tokens come from the
// local push gateway, so whatever Herald sends them can be read back there.
import { randomBytes } from "node:crypto";
import { createHeraldClient } from "@/lib/demo/simulator/herald-client";
import type { GatewayControlClient } from "@/lib/gateway/control-client";

export interface Shopper {
  externalId: string;
  platform: "web" | "android";
  attributes?: Record<string, string>;
  tags?: string[];
}

export interface RegisteredShopper extends Shopper {
  /** What the gateway files this device's messages under: subscription id or FCM token. */
  gatewayDevice: string;
  deviceId: string;
  /** The SDK's device token (web only), for receipts as the service worker sends them. */
  deviceToken: string | null;
}

export interface StoreOptions {
  baseUrl: string;
  /** The app's public id, as the web SDK snippet carries it. */
  publicId: string;
  /** A key with the `ingest` scope, as the store's servers hold it; only needed for API calls. */
  apiKey?: string;
  gateway: GatewayControlClient;
}

/** Shaped like an FCM registration token: instance id, colon, token. */
const fcmToken = () =>
  `${randomBytes(8).toString("base64url")}:APA91b${randomBytes(96).toString("base64url")}`;

/**
 * Registers each shopper's device (web: the SDK's subscription call; Android:
 * `POST /api/v1/devices`), then sets their attributes and tags with
 * `PUT /api/v1/subscribers/{externalId}`.
 */
export async function registerShoppers(
  store: StoreOptions,
  shoppers: Shopper[],
): Promise<RegisteredShopper[]> {
  const herald = createHeraldClient({
    baseUrl: store.baseUrl,
    apiKey: store.apiKey ?? "",
    publicId: store.publicId,
  });
  const web = shoppers.filter((shopper) => shopper.platform === "web");
  const subscriptions = web.length
    ? await store.gateway.mintWebSubscriptions({
        ids: web.map((shopper) => `${shopper.externalId}-${randomBytes(3).toString("hex")}`),
      })
    : [];
  const registered: RegisteredShopper[] = [];
  for (const shopper of shoppers) {
    if (shopper.platform === "web") {
      const subscription = subscriptions[web.indexOf(shopper)];
      if (!subscription) throw new Error("the gateway minted too few subscriptions");
      const device = await herald.sdk<{ deviceId: string; deviceToken: string }>("/subscriptions", {
        subscription,
        externalId: shopper.externalId,
        browser: "Chrome",
        osName: "macOS",
      });
      registered.push({
        ...shopper,
        gatewayDevice: new URL(subscription.endpoint).pathname.split("/").at(-1) ?? "",
        deviceId: device.deviceId,
        deviceToken: device.deviceToken,
      });
    } else {
      const token = fcmToken();
      const device = await herald.api<{ id: string }>("POST", "/api/v1/devices", {
        platform: "android",
        token,
        externalId: shopper.externalId,
        osName: "Android",
        appVersion: "4.2.0",
      });
      registered.push({ ...shopper, gatewayDevice: token, deviceId: device.id, deviceToken: null });
    }
    if (shopper.attributes || shopper.tags) {
      await herald.api("PUT", `/api/v1/subscribers/${encodeURIComponent(shopper.externalId)}`, {
        attributes: shopper.attributes,
        tags: shopper.tags ? { add: shopper.tags } : undefined,
      });
    }
  }
  return registered;
}

/** What the Herald service worker reports about a push it showed: delivered, clicked, a button. */
export async function sendReceipt(
  store: Pick<StoreOptions, "baseUrl" | "publicId">,
  shopper: RegisteredShopper,
  receipt: { deliveryId: string; type: "delivered" | "clicked" | "action"; actionId?: string },
): Promise<void> {
  if (!shopper.deviceToken) throw new Error(`${shopper.externalId} has no SDK device token`);
  const herald = createHeraldClient({ ...store, apiKey: "" });
  await herald.sdk("/receipts", receipt, shopper.deviceToken);
}
