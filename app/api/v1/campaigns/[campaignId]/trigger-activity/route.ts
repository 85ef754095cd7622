// GET /api/v1/campaigns/{campaignId}/trigger-activity — a triggered campaign's firings by status and day, exit reasons, and what is due next
import { appRoute } from "@/lib/http/route";
import { triggerActivityQuerySchema } from "@/lib/triggers/schemas";
import { getTriggerActivity } from "@/lib/triggers/trigger-activity";

export const GET = appRoute(
  {
    auth: "either",
    permission: "campaigns:read",
    scope: "read",
    query: triggerActivityQuerySchema,
  },
  ({ app, params, query }) => getTriggerActivity(app.appId, params.campaignId ?? "", query),
);
