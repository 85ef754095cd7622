// POST /api/v1/campaigns/{campaignId}/cancel — stop for good; what is unsent is canceled
import { changeCampaignStatus } from "@/lib/campaigns/change-campaign-status";
import { appRoute } from "@/lib/http/route";

export const POST = appRoute(
  { auth: "either", permission: "campaigns:launch", scope: "send" },
  ({ app, params, actor }) =>
    changeCampaignStatus(app.appId, params.campaignId ?? "", "cancel", actor),
);
