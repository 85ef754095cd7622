import type { PersonalizationContext } from "@/lib/campaigns/personalize";
import { getDb } from "@/lib/db/client";
import type { ClaimedDelivery } from "./claim";

export interface Recipient extends ClaimedDelivery {
  address: string;
  webP256dh: string | null;
  webAuth: string | null;
  lastRegisteredAt: Date;
  isTestDevice: boolean;
  subscriber: PersonalizationContext;
}

/** Joins claimed rows to their devices and, when the content needs it, their subscribers. */
export async function loadRecipients(
  claimed: ClaimedDelivery[],
  withSubscribers: boolean,
): Promise<Recipient[]> {
  const db = getDb();
  const [devices, subscribers] = await Promise.all([
    db.device.findMany({
      where: { id: { in: claimed.map((row) => row.deviceId) } },
      select: {
        id: true,
        address: true,
        webP256dh: true,
        webAuth: true,
        lastRegisteredAt: true,
        isTestDevice: true,
      },
    }),
    withSubscribers
      ? db.subscriber.findMany({
          where: { id: { in: [...new Set(claimed.map((row) => row.subscriberId))] } },
          select: {
            id: true,
            externalId: true,
            attributes: true,
            locale: true,
            timezone: true,
            country: true,
          },
        })
      : Promise.resolve([]),
  ]);
  const deviceById = new Map(devices.map((device) => [device.id, device]));
  const subscriberById = new Map(subscribers.map((subscriber) => [subscriber.id, subscriber]));
  const recipients: Recipient[] = [];
  for (const row of claimed) {
    const device = deviceById.get(row.deviceId);
    if (!device) continue;
    const subscriber = subscriberById.get(row.subscriberId);
    recipients.push({
      ...row,
      address: device.address,
      webP256dh: device.webP256dh,
      webAuth: device.webAuth,
      lastRegisteredAt: device.lastRegisteredAt,
      isTestDevice: device.isTestDevice,
      subscriber: {
        externalId: subscriber?.externalId ?? null,
        attributes: (subscriber?.attributes as Record<string, unknown> | undefined) ?? {},
        locale: subscriber?.locale ?? null,
        timezone: subscriber?.timezone ?? null,
        country: subscriber?.country ?? null,
      },
    });
  }
  return recipients;
}
