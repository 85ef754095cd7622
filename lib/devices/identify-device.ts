import { getDb } from "@/lib/db/client";
import { mergeAnonymousSubscriber } from "@/lib/subscribers/merge-anonymous-subscriber";
import { resolveSubscriberIds } from "@/lib/subscribers/resolve-subscriber-ids";
import { createAnonymousSubscriber } from "./register-device";

export interface IdentifyResult {
  subscriberId: string;
  externalId: string | null;
}

/**
 * The SDK's login: the browser's device now belongs to `externalId` (created
 * if new). An anonymous visitor's history merges into that subscriber; a
 * device that belonged to another identified user simply moves. `null` is
 * the logout: the device goes to a fresh anonymous subscriber, so the next
 * person on a shared computer does not get the last one's pushes.
 */
export async function identifyDevice(
  appId: string,
  device: { id: bigint },
  externalId: string | null,
): Promise<IdentifyResult> {
  return getDb().$transaction(async (tx) => {
    const current = await tx.device.findFirstOrThrow({
      where: { id: device.id, appId },
      select: { subscriber: { select: { id: true, externalId: true } } },
    });
    if (current.subscriber.externalId === externalId) {
      return { subscriberId: current.subscriber.id.toString(), externalId };
    }
    let targetId: bigint;
    if (externalId === null) {
      targetId = await createAnonymousSubscriber(tx, appId);
    } else {
      const ids = await resolveSubscriberIds(tx, appId, [externalId]);
      const resolved = ids.get(externalId);
      if (resolved === undefined) throw new Error(`subscriber ${externalId} was not resolved`);
      targetId = resolved;
    }
    if (current.subscriber.externalId === null && externalId !== null) {
      await mergeAnonymousSubscriber(tx, appId, current.subscriber.id, targetId);
    } else {
      await tx.device.update({ where: { id: device.id }, data: { subscriberId: targetId } });
    }
    return { subscriberId: targetId.toString(), externalId };
  });
}
