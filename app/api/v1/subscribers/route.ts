// GET /api/v1/subscribers — search subscribers by external id prefix or attribute, newest first
import { appRoute } from "@/lib/http/route";
import { listSubscribers } from "@/lib/subscribers/list-subscribers";
import { listSubscribersQuerySchema } from "@/lib/subscribers/schemas";

export const GET = appRoute(
  { auth: "either", permission: "audience:read", scope: "read", query: listSubscribersQuerySchema },
  ({ app, query }) => listSubscribers(app.appId, query),
);
