// POST|DELETE /api/v1/sdk/{publicId}/subscriptions — a browser registers its push subscription (answers a device token), or opts out
import { optOutDevice } from "@/lib/devices/opt-out-device";
import { created } from "@/lib/http/route";
import { sdkPreflight, sdkRoute } from "@/lib/http/sdk-route";
import { registerSdkSubscription } from "@/lib/sdk/register-sdk-subscription";
import { sdkSubscriptionSchema } from "@/lib/sdk/schemas";

export const POST = sdkRoute(
  { body: sdkSubscriptionSchema, device: "optional" },
  async ({ app, body, device }) => {
    const registration = await registerSdkSubscription(app, body, device);
    return registration.created ? created(registration) : registration;
  },
);

// The visitor revoked the notification permission or unsubscribed: the device
// stays known (its token too, so a later subscription updates this device) but
// receives nothing, and counts as an opt-out.
export const DELETE = sdkRoute({ device: "required" }, async ({ app, device }) => {
  await optOutDevice(app.id, device.id.toString());
});

export const OPTIONS = sdkPreflight;
