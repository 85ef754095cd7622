// GET /api/v1/campaigns/{campaignId}/experiment — the A/B test with per-variant results and confidence vs the leader
import { getCampaignExperiment } from "@/lib/campaigns/campaign-experiment-results";
import { appRoute } from "@/lib/http/route";

export const GET = appRoute(
  { auth: "either", permission: "campaigns:read", scope: "read" },
  ({ app, params }) => getCampaignExperiment(app.appId, params.campaignId ?? ""),
);
