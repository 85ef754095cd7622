// GET /api/v1/campaigns/key-numbers?ids=a,b — sent, delivered, opened and open rate for a page of campaigns (the list's columns)
import { z } from "zod";
import { listCampaignKeyNumbers } from "@/lib/campaigns/list-campaign-key-numbers";
import { appRoute } from "@/lib/http/route";

const querySchema = z.strictObject({
  ids: z
    .string()
    .transform((value) => [...new Set(value.split(",").filter(Boolean))])
    .pipe(z.array(z.string().min(1).max(64)).min(1).max(100)),
});

export const GET = appRoute(
  { auth: "either", permission: "campaigns:read", scope: "read", query: querySchema },
  ({ app, query }) => listCampaignKeyNumbers(app.appId, query.ids),
);
