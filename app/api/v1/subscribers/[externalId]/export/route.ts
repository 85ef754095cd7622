// GET /api/v1/subscribers/{externalId}/export — everything held about a subscriber, as a JSON download (GDPR)
import { appRoute } from "@/lib/http/route";
import { exportSubscriber } from "@/lib/subscribers/export-subscriber";

export const GET = appRoute(
  { auth: "either", permission: "audience:read", scope: "read" },
  async ({ app, params }) =>
    Response.json(await exportSubscriber(app.appId, params.externalId ?? ""), {
      headers: { "content-disposition": 'attachment; filename="subscriber-export.json"' },
    }),
);
