// GET /api/v1/campaigns/key-numbers?ids=a,b — sent, delivered, opened and open rate for a page of campaigns (the list's columns)
import { campaignKeyNumbersQuerySchema } from "@/lib/campaigns/api-schemas";
import { listCampaignKeyNumbers } from "@/lib/campaigns/list-campaign-key-numbers";
import { appRoute } from "@/lib/http/route";

export const GET = appRoute(
  {
    auth: "either",
    permission: "campaigns:read",
    scope: "read",
    query: campaignKeyNumbersQuerySchema,
  },
  ({ app, query }) => listCampaignKeyNumbers(app.appId, query.ids),
);
