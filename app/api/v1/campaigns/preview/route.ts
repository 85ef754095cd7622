// POST /api/v1/campaigns/preview — render composer content for one subscriber (or with every fallback), with per-platform sizes
import { previewContentSchema } from "@/lib/campaigns/api-schemas";
import { previewContent } from "@/lib/campaigns/preview-content";
import { appRoute } from "@/lib/http/route";

export const POST = appRoute(
  { auth: "either", permission: "campaigns:write", scope: "send", body: previewContentSchema },
  ({ app, body }) => previewContent(app.appId, body.content, body.externalId ?? null),
);
