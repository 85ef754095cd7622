// POST /api/v1/campaigns/{campaignId}/launch — send a draft now, or schedule it for its time
import { changeCampaignStatus } from "@/lib/campaigns/change-campaign-status";
import { appRoute } from "@/lib/http/route";

export const POST = appRoute(
  { auth: "either", permission: "campaigns:launch", scope: "send" },
  ({ app, params, actor }) =>
    changeCampaignStatus(app.appId, params.campaignId ?? "", "launch", actor),
);
