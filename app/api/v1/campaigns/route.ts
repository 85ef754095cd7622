// GET /api/v1/campaigns — campaigns, newest first, filtered and cursor-paged · POST — create a draft
import { listCampaignsQuerySchema } from "@/lib/campaigns/api-schemas";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { listCampaigns } from "@/lib/campaigns/list-campaigns";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { appRoute, created } from "@/lib/http/route";

export const GET = appRoute(
  { auth: "either", permission: "campaigns:read", scope: "read", query: listCampaignsQuerySchema },
  ({ app, query }) => listCampaigns(app.appId, query),
);

export const POST = appRoute(
  {
    auth: "either",
    permission: "campaigns:write",
    scope: "send",
    body: createCampaignSchema,
    maxBodyBytes: 1024 * 1024,
  },
  async ({ app, body, actor }) => {
    const source = actor.kind === "apiKey" ? "api" : "dashboard";
    const { id } = await createCampaign(app.appId, body, actor, { source });
    return created(await getCampaign(app.appId, id));
  },
);
