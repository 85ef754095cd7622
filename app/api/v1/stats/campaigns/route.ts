// GET /api/v1/stats/campaigns — each campaign's funnel and rates for the pushes it sent in a period
import { listCampaignStats } from "@/lib/analytics/list-campaign-stats";
import { campaignStatsListQuerySchema } from "@/lib/analytics/schemas";
import { appRoute } from "@/lib/http/route";

export const GET = appRoute(
  {
    auth: "either",
    permission: "analytics:read",
    scope: "read",
    query: campaignStatsListQuerySchema,
  },
  ({ app, query }) => listCampaignStats(app.appId, query),
);
