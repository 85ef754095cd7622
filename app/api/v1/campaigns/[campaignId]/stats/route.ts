// GET /api/v1/campaigns/{campaignId}/stats — delivery counts by status and reason, funnel and rates
import { getCampaignStats } from "@/lib/analytics/get-campaign-stats";
import { appRoute } from "@/lib/http/route";

export const GET = appRoute(
  { auth: "either", permission: "campaigns:read", scope: "read" },
  ({ app, params }) => getCampaignStats(app.appId, params.campaignId ?? ""),
);
