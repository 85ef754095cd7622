// POST /api/v1/campaigns/audience-estimate — how many active devices an audience reaches today (for the composer and the launch confirmation)
import { audienceEstimateSchema } from "@/lib/campaigns/api-schemas";
import { estimateAudience } from "@/lib/campaigns/estimate-audience";
import { appRoute } from "@/lib/http/route";

export const POST = appRoute(
  { auth: "either", permission: "campaigns:read", scope: "read", body: audienceEstimateSchema },
  ({ app, body }) => estimateAudience(app.appId, body.audience, body.topicId ?? null),
);
