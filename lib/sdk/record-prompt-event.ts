import { getDb } from "@/lib/db/client";
import { promptEventNames } from "@/lib/events/prompt-events";
import { recordEvents } from "@/lib/events/record-events";
import type { SdkApp, SdkDevice } from "@/lib/http/sdk-route";
import type { SdkPromptInput } from "./schemas";

/**
 * Records a permission prompt and its answer as an event, for the opt-in
 * rate. A visitor who has not subscribed yet has no subscriber: the event is
 * stored without one rather than creating a subscriber per page view.
 */
export async function recordPromptEvent(
  app: SdkApp,
  device: SdkDevice | null,
  input: SdkPromptInput,
): Promise<void> {
  await getDb().$transaction((tx) =>
    recordEvents(tx, app.id, [
      {
        subscriberId: device?.subscriberId ?? null,
        name: promptEventNames[input.outcome],
        properties: {
          prompt: input.prompt,
          ...(input.visitorId ? { visitorId: input.visitorId } : {}),
        },
        occurredAt: new Date(),
        revenue: null,
        currency: null,
        deliveryId: null,
        dedupeKey: null,
      },
    ]),
  );
}
