// GET /api/v1/stats/audience — subscribers and active devices over a period, and token health by platform
import { getAudienceStats } from "@/lib/analytics/get-audience-stats";
import { statsQuerySchema } from "@/lib/analytics/schemas";
import { appRoute } from "@/lib/http/route";

export const GET = appRoute(
  { auth: "either", permission: "analytics:read", scope: "read", query: statsQuerySchema },
  ({ app, query }) => getAudienceStats(app.appId, query),
);
