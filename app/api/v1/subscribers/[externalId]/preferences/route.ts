// GET|PUT /api/v1/subscribers/{externalId}/preferences — a subscriber's opt-in per topic; PUT sets the topics it names
import { appRoute } from "@/lib/http/route";
import { getSubscriberPreferences, setSubscriberPreferences } from "@/lib/topics/preferences";
import { setPreferencesSchema } from "@/lib/topics/schemas";

export const GET = appRoute(
  { auth: "either", permission: "audience:read", scope: "read" },
  async ({ app, params }) => ({
    data: await getSubscriberPreferences(app.appId, { externalId: params.externalId ?? "" }),
  }),
);

export const PUT = appRoute(
  { auth: "either", permission: "audience:write", scope: "ingest", body: setPreferencesSchema },
  async ({ app, params, body }) => ({
    data: await setSubscriberPreferences(
      app.appId,
      { externalId: params.externalId ?? "" },
      body.preferences,
    ),
  }),
);
