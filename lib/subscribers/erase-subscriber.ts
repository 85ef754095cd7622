import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/http/actor";
import { findSubscriberOrThrow } from "./find-subscriber-or-throw";
import type { EraseSubscriberResult } from "./schemas";

/**
 * GDPR erasure, in one transaction: devices, events, topic choices and the
 * profile are deleted; deliveries lose their link to the subscriber and
 * their devices but keep status and timestamps, so every campaign's counts
 * stay what they were. Pushes still waiting to go are canceled, and the
 * external id is struck from API audiences that listed it. The audit entry
 * names Herald's row id only, not the external id.
 */
export async function eraseSubscriber(
  appId: string,
  externalId: string,
  actor: Actor,
): Promise<EraseSubscriberResult> {
  const subscriber = await findSubscriberOrThrow(appId, { externalId });
  return getDb().$transaction(
    async (tx) => {
      const devices = await tx.device.findMany({
        where: { appId, subscriberId: subscriber.id },
        select: { id: true },
      });
      const deviceIds = devices.map((device) => device.id.toString());
      await tx.$executeRaw`
        UPDATE deliveries SET status = 'canceled', reason = 'subscriber_erased', "claimToken" = NULL,
                              "updatedAt" = now()
        WHERE "appId" = ${appId} AND status IN ('pending', 'queued')
          AND ("subscriberId" = ${subscriber.id} OR "deviceId" = ANY(${deviceIds}::bigint[]))`;
      const deliveriesAnonymised = await tx.$executeRaw`
        UPDATE deliveries SET
          "subscriberId" = CASE WHEN "subscriberId" = ${subscriber.id} THEN NULL ELSE "subscriberId" END,
          "deviceId" = NULL,
          "updatedAt" = now()
        WHERE "appId" = ${appId}
          AND ("subscriberId" = ${subscriber.id} OR "deviceId" = ANY(${deviceIds}::bigint[]))`;
      const events = await tx.event.deleteMany({ where: { appId, subscriberId: subscriber.id } });
      await tx.device.deleteMany({ where: { appId, subscriberId: subscriber.id } });
      await tx.$executeRaw`
        UPDATE campaigns
        SET audience = jsonb_set(audience, '{externalIds}', (audience -> 'externalIds') - ${externalId}::text),
            "updatedAt" = now()
        WHERE "appId" = ${appId} AND audience ->> 'type' = 'subscribers'
          AND jsonb_exists(audience -> 'externalIds', ${externalId}::text)`;
      await tx.subscriber.delete({ where: { id: subscriber.id } });
      const result = {
        erased: true as const,
        devices: devices.length,
        events: events.count,
        deliveriesAnonymised,
      };
      await recordAudit(tx, {
        appId,
        actor,
        action: "subscriber.erased",
        targetType: "subscriber",
        targetId: subscriber.id.toString(),
        metadata: {
          devices: result.devices,
          events: result.events,
          deliveriesAnonymised,
        },
      });
      return result;
    },
    { timeout: 60_000 },
  );
}
