// GET /api/v1/stats/campaigns/{campaignId} — a campaign's funnel, time-to-open, hours after send, variants, errors and skips
import { getCampaignAnalytics } from "@/lib/analytics/get-campaign-analytics";
import { campaignAnalyticsQuerySchema } from "@/lib/analytics/schemas";
import { appRoute } from "@/lib/http/route";

export const GET = appRoute(
  {
    auth: "either",
    permission: "analytics:read",
    scope: "read",
    query: campaignAnalyticsQuerySchema,
  },
  ({ app, params, query }) => getCampaignAnalytics(app.appId, params.campaignId ?? "", query),
);
