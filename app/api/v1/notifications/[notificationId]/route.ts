// GET /api/v1/notifications/{notificationId} — a send's status and delivery stats
import { appRoute } from "@/lib/http/route";
import { getNotification } from "@/lib/notifications/get-notification";

export const GET = appRoute(
  { auth: "either", permission: "campaigns:read", scope: "read" },
  ({ app, params }) => getNotification(app.appId, params.notificationId ?? ""),
);
