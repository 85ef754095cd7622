import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { receiptDedupeKey } from "@/lib/events/ingest-events";
import { recordEvents } from "@/lib/events/record-events";
import type { ReceiptEventName } from "@/lib/events/schemas";
import type { SdkApp, SdkDevice } from "@/lib/http/sdk-route";
import type { SdkReceiptInput } from "./schemas";

const eventNameOf: Record<SdkReceiptInput["type"], ReceiptEventName> = {
  delivered: "delivered",
  clicked: "opened",
  dismissed: "dismissed",
  action: "action_clicked",
};

/**
 * The service worker reports what happened to a push on its own device: only
 * deliveries sent to that device count, and each kind is recorded once. The
 * time is Herald's clock, not the browser's, so time-to-open is not skewed.
 */
export async function recordSdkReceipt(
  app: SdkApp,
  device: SdkDevice,
  input: SdkReceiptInput,
): Promise<{ recorded: boolean }> {
  const db = getDb();
  const delivery = await db.delivery.findFirst({
    where: { id: BigInt(input.deliveryId), appId: app.id, deviceId: device.id },
    select: { id: true, subscriberId: true },
  });
  if (!delivery) throw notFound(`Delivery ${input.deliveryId}`);
  const name = eventNameOf[input.type];
  const result = await db.$transaction((tx) =>
    recordEvents(tx, app.id, [
      {
        subscriberId: delivery.subscriberId ?? device.subscriberId,
        name,
        properties: input.actionId ? { actionId: input.actionId } : {},
        occurredAt: new Date(),
        revenue: null,
        currency: null,
        deliveryId: delivery.id,
        dedupeKey: receiptDedupeKey(delivery.id, name),
      },
    ]),
  );
  await db.device.updateMany({
    where: { id: device.id, lastSeenAt: { lt: new Date(Date.now() - 60_000) } },
    data: { lastSeenAt: new Date() },
  });
  return { recorded: result.accepted === 1 };
}
