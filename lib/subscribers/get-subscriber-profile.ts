import { getDb } from "@/lib/db/client";
import { toDeviceDto } from "@/lib/devices/device-dto";
import { toEventDto } from "@/lib/events/event-dto";
import { getSubscriberPreferences } from "@/lib/topics/preferences";
import { findSubscriberOrThrow, type SubscriberRef } from "./find-subscriber-or-throw";
import { messageInclude, toMessageDto } from "./message-dto";
import type { SubscriberProfileDto } from "./profile-schemas";
import { toSubscriberDto } from "./subscriber-dto";

const recentCount = 25;

/** A subscriber with their devices, topic choices, latest events and latest pushes with outcomes. */
export async function getSubscriberProfile(
  appId: string,
  ref: SubscriberRef,
): Promise<SubscriberProfileDto> {
  const subscriber = await findSubscriberOrThrow(appId, ref);
  const db = getDb();
  const [devices, preferences, events, deliveries] = await Promise.all([
    db.device.findMany({
      where: { appId, subscriberId: subscriber.id },
      // The id breaks ties, so devices seen at the same moment keep their order between reloads.
      orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    }),
    getSubscriberPreferences(appId, { subscriberId: subscriber.id }),
    db.event.findMany({
      where: { appId, subscriberId: subscriber.id },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: recentCount,
    }),
    db.delivery.findMany({
      where: { appId, subscriberId: subscriber.id },
      orderBy: { id: "desc" },
      take: recentCount,
      include: messageInclude,
    }),
  ]);
  return {
    subscriber: toSubscriberDto(subscriber),
    devices: devices.map(toDeviceDto),
    preferences,
    recentEvents: events.map(toEventDto),
    recentMessages: deliveries.map(toMessageDto),
  };
}
