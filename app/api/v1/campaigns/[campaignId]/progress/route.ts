// GET /api/v1/campaigns/{campaignId}/progress — live sent / failed / skipped / remaining counts for the progress bar
import { getCampaignProgress } from "@/lib/campaigns/campaign-progress";
import { appRoute } from "@/lib/http/route";

export const GET = appRoute(
  { auth: "either", permission: "campaigns:read", scope: "read" },
  ({ app, params }) => getCampaignProgress(app.appId, params.campaignId ?? ""),
);
