// POST /api/v1/notifications — send a push now or at `sendAt` (Idempotency-Key makes retries safe)
import { withIdempotency } from "@/lib/http/idempotency";
import { appRoute, created } from "@/lib/http/route";
import { sendNotificationSchema } from "@/lib/notifications/schemas";
import { finishNotification, sendNotification } from "@/lib/notifications/send-notification";

export const POST = appRoute(
  {
    auth: "either",
    permission: "campaigns:launch",
    scope: "send",
    body: sendNotificationSchema,
    maxBodyBytes: 1024 * 1024,
  },
  ({ app, body, actor, request }) =>
    withIdempotency(request, app.appId, body, {
      run: async (recordCreated) =>
        created(await sendNotification(app.appId, body, actor, recordCreated)),
      resume: async (campaignId) => created(await finishNotification(app.appId, campaignId, actor)),
    }),
);
