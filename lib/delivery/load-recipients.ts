import type { PersonalizationContext } from "@/lib/campaigns/personalize";
import { getDb } from "@/lib/db/client";
import type { ClaimedDelivery } from "./claim";

export interface Recipient extends Omit<ClaimedDelivery, "device"> {
  address: string;
  webP256dh: string | null;
  webAuth: string | null;
  /** Epoch ms. */
  lastRegisteredAtMs: number;
  isTestDevice: boolean;
  /** Only read when the content is personalised; otherwise an empty context. */
  subscriber: PersonalizationContext;
}

const noSubscriber: PersonalizationContext = Object.freeze({
  externalId: null,
  attributes: {},
  locale: null,
  timezone: null,
  country: null,
}) as PersonalizationContext;

/**
 * The claimed rows whose device still exists (the claim read it), with their
 * subscribers when the content needs them for Liquid.
 */
export async function loadRecipients(
  claimed: ClaimedDelivery[],
  withSubscribers: boolean,
): Promise<Recipient[]> {
  const subscribers = withSubscribers
    ? await getDb().subscriber.findMany({
        where: { id: { in: [...new Set(claimed.map((row) => row.subscriberId))].map(BigInt) } },
        select: {
          id: true,
          externalId: true,
          attributes: true,
          locale: true,
          timezone: true,
          country: true,
        },
      })
    : [];
  const subscriberById = new Map(
    subscribers.map((subscriber) => [subscriber.id.toString(), subscriber]),
  );
  const recipients: Recipient[] = [];
  for (const row of claimed) {
    const { device } = row;
    if (!device) continue;
    const subscriber = withSubscribers ? subscriberById.get(row.subscriberId) : undefined;
    recipients.push({
      id: row.id,
      deviceId: row.deviceId,
      subscriberId: row.subscriberId,
      variantId: row.variantId,
      platform: row.platform,
      attempts: row.attempts,
      scheduledForMs: row.scheduledForMs,
      address: device.address,
      webP256dh: device.webP256dh,
      webAuth: device.webAuth,
      lastRegisteredAtMs: device.lastRegisteredAtMs,
      isTestDevice: device.isTestDevice,
      subscriber: subscriber
        ? {
            externalId: subscriber.externalId,
            attributes: (subscriber.attributes as Record<string, unknown> | null) ?? {},
            locale: subscriber.locale,
            timezone: subscriber.timezone,
            country: subscriber.country,
          }
        : noSubscriber,
    });
  }
  return recipients;
}
