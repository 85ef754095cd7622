import { getPool } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { writeEvents } from "@/lib/events/event-writer";
import { receiptDedupeKey } from "@/lib/events/ingest-events";
import type { ReceiptEventName } from "@/lib/events/schemas";
import type { SdkApp, SdkDevice } from "@/lib/http/sdk-route";
import type { SdkReceiptInput } from "./schemas";

const eventNameOf: Record<SdkReceiptInput["type"], ReceiptEventName> = {
  delivered: "delivered",
  clicked: "opened",
  dismissed: "dismissed",
  action: "action_clicked",
};

// Every push a browser shows reports here, so the path is a statement or two
// on the shared pg pool, each prepared once per connection, and receipts
// arriving together share one statement: stamping deliveries runs the
// analytics rollup triggers, ~3 ms a statement whatever its size.
const deliveryOfDevice = {
  name: "herald_sdk_receipt_delivery_v1",
  text: `SELECT id::text AS id, "subscriberId"::text AS "subscriberId" FROM deliveries
         WHERE id = $1::bigint AND "appId" = $2 AND "deviceId" = $3::bigint`,
};

/**
 * The service worker reports what happened to a push on its own device: only
 * deliveries sent to that device count, and each kind is recorded once. The
 * time is Herald's clock, not the browser's, so time-to-open is not skewed.
 * Storing the receipt, stamping its delivery and marking the device seen (at
 * most once a minute) are one statement, so atomic on their own, answered
 * once committed.
 */
export async function recordSdkReceipt(
  app: SdkApp,
  device: SdkDevice,
  input: SdkReceiptInput,
): Promise<{ recorded: boolean }> {
  const { rows } = await getPool().query<{ id: string; subscriberId: string | null }>({
    ...deliveryOfDevice,
    values: [input.deliveryId, app.id, device.id.toString()],
  });
  const delivery = rows[0];
  if (!delivery) throw notFound(`Delivery ${input.deliveryId}`);
  const name = eventNameOf[input.type];
  const deliveryId = BigInt(delivery.id);
  const accepted = await writeEvents(
    app.id,
    [
      {
        externalId: null,
        subscriberId:
          delivery.subscriberId === null ? device.subscriberId : BigInt(delivery.subscriberId),
        name,
        properties: input.actionId ? { actionId: input.actionId } : {},
        occurredAt: new Date().toISOString(),
        revenue: null,
        currency: null,
        deliveryId,
        dedupeKey: receiptDedupeKey(deliveryId, name),
        deviceId: device.id,
      },
    ],
    "receipts",
  );
  return { recorded: accepted === 1 };
}
