// GET|PUT /api/v1/sdk/{publicId}/preferences — this browser's subscriber's opt-in per topic (the preference center)
import { sdkPreflight, sdkRoute } from "@/lib/http/sdk-route";
import { getSubscriberPreferences, setSubscriberPreferences } from "@/lib/topics/preferences";
import { setPreferencesSchema } from "@/lib/topics/schemas";

export const GET = sdkRoute({ device: "required" }, async ({ app, device }) => ({
  data: await getSubscriberPreferences(app.id, { subscriberId: device.subscriberId }),
}));

export const PUT = sdkRoute(
  { body: setPreferencesSchema, device: "required" },
  async ({ app, device, body }) => ({
    data: await setSubscriberPreferences(
      app.id,
      { subscriberId: device.subscriberId },
      body.preferences,
    ),
  }),
);

export const OPTIONS = sdkPreflight;
