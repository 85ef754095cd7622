// GET /api/v1/stats — the app overview for a period: delivery funnel and rates, opt-in/opt-out, time series, breakdowns
import { getOverviewStats } from "@/lib/analytics/get-overview-stats";
import { statsQuerySchema } from "@/lib/analytics/schemas";
import { appRoute } from "@/lib/http/route";

export const GET = appRoute(
  { auth: "either", permission: "analytics:read", scope: "read", query: statsQuerySchema },
  ({ app, query }) => getOverviewStats(app.appId, query),
);
