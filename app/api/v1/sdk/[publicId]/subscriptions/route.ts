// POST /api/v1/sdk/{publicId}/subscriptions — a browser registers its push subscription; answers a device token
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

export const OPTIONS = sdkPreflight;
