import { getDb } from "@/lib/db/client";
import { toDeviceDto } from "@/lib/devices/device-dto";
import { toEventDto } from "@/lib/events/event-dto";
import { getSubscriberPreferences } from "@/lib/topics/preferences";
import { findSubscriberOrThrow } from "./find-subscriber-or-throw";
import { messageInclude, toMessageDto } from "./message-dto";
import type { SubscriberExportDto } from "./profile-schemas";
import { toSubscriberDto } from "./subscriber-dto";

/**
 * Everything Herald holds about one subscriber (GDPR access and
 * portability): profile, devices (without push keys or SDK tokens), topic
 * choices, every event and every push sent to them.
 */
export async function exportSubscriber(
  appId: string,
  externalId: string,
): Promise<SubscriberExportDto> {
  const subscriber = await findSubscriberOrThrow(appId, { externalId });
  const db = getDb();
  const [devices, preferences, events, deliveries] = await Promise.all([
    db.device.findMany({ where: { appId, subscriberId: subscriber.id }, orderBy: { id: "asc" } }),
    getSubscriberPreferences(appId, { subscriberId: subscriber.id }),
    db.event.findMany({ where: { appId, subscriberId: subscriber.id }, orderBy: { id: "asc" } }),
    db.delivery.findMany({
      where: { appId, subscriberId: subscriber.id },
      orderBy: { id: "asc" },
      include: messageInclude,
    }),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    subscriber: toSubscriberDto(subscriber),
    devices: devices.map(toDeviceDto),
    preferences,
    events: events.map(toEventDto),
    messages: deliveries.map(toMessageDto),
  };
}
