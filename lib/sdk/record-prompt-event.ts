import { writeEvents } from "@/lib/events/event-writer";
import { promptEventNames } from "@/lib/events/prompt-events";
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
  await writeEvents(app.id, [
    {
      externalId: null,
      subscriberId: device?.subscriberId ?? null,
      name: promptEventNames[input.outcome],
      properties: {
        prompt: input.prompt,
        ...(input.visitorId ? { visitorId: input.visitorId } : {}),
      },
      occurredAt: new Date().toISOString(),
      revenue: null,
      currency: null,
      deliveryId: null,
      dedupeKey: null,
    },
  ]);
}
