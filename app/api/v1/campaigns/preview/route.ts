// POST /api/v1/campaigns/preview — render composer content for one subscriber (or with every fallback), with per-platform sizes
import { z } from "zod";
import { previewContent } from "@/lib/campaigns/preview-content";
import { appRoute } from "@/lib/http/route";
import { notificationContentSchema } from "@/lib/push/content";

const bodySchema = z.strictObject({
  content: notificationContentSchema,
  /** A real subscriber to render for; null or absent renders with no attributes. */
  externalId: z.string().trim().min(1).max(256).nullable().optional(),
});

export const POST = appRoute(
  { auth: "either", permission: "campaigns:write", scope: "send", body: bodySchema },
  ({ app, body }) => previewContent(app.appId, body.content, body.externalId ?? null),
);
