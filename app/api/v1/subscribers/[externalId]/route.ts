// GET|PUT|DELETE /api/v1/subscribers/{externalId} — profile, upsert, or erase (GDPR) a subscriber
import { appRoute, created } from "@/lib/http/route";
import { eraseSubscriber } from "@/lib/subscribers/erase-subscriber";
import { getSubscriberProfile } from "@/lib/subscribers/get-subscriber-profile";
import { upsertSubscriberSchema } from "@/lib/subscribers/schemas";
import { upsertSubscriber } from "@/lib/subscribers/upsert-subscriber";

export const GET = appRoute(
  { auth: "either", permission: "audience:read", scope: "read" },
  ({ app, params }) => getSubscriberProfile(app.appId, { externalId: params.externalId ?? "" }),
);

export const PUT = appRoute(
  { auth: "either", permission: "audience:write", scope: "ingest", body: upsertSubscriberSchema },
  async ({ app, params, body }) => {
    const subscriber = await upsertSubscriber(app.appId, params.externalId ?? "", body);
    return subscriber.created ? created(subscriber) : subscriber;
  },
);

export const DELETE = appRoute(
  { auth: "either", permission: "audience:write", scope: "admin" },
  ({ app, params, actor }) => eraseSubscriber(app.appId, params.externalId ?? "", actor),
);
