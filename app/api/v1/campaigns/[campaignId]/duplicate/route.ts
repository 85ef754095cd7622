// POST /api/v1/campaigns/{campaignId}/duplicate — a new draft copied from any campaign
import { duplicateCampaign } from "@/lib/campaigns/duplicate-campaign";
import { appRoute, created } from "@/lib/http/route";

export const POST = appRoute(
  { auth: "either", permission: "campaigns:write", scope: "send" },
  async ({ app, params, actor }) =>
    created(await duplicateCampaign(app.appId, params.campaignId ?? "", actor)),
);
