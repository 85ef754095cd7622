// GET|PATCH|DELETE /api/v1/campaigns/{campaignId} — read a campaign with its variants, edit or delete a draft
import { updateCampaignSchema } from "@/lib/campaigns/api-schemas";
import { deleteCampaignDraft } from "@/lib/campaigns/delete-campaign-draft";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { updateCampaignDraft } from "@/lib/campaigns/update-campaign-draft";
import { appRoute } from "@/lib/http/route";

export const GET = appRoute(
  { auth: "either", permission: "campaigns:read", scope: "read" },
  ({ app, params }) => getCampaign(app.appId, params.campaignId ?? ""),
);

export const PATCH = appRoute(
  {
    auth: "either",
    permission: "campaigns:write",
    scope: "send",
    body: updateCampaignSchema,
    maxBodyBytes: 1024 * 1024,
  },
  ({ app, params, body, actor }) =>
    updateCampaignDraft(app.appId, params.campaignId ?? "", body, actor),
);

export const DELETE = appRoute(
  { auth: "either", permission: "campaigns:write", scope: "send" },
  async ({ app, params, actor }) => {
    await deleteCampaignDraft(app.appId, params.campaignId ?? "", actor);
  },
);
