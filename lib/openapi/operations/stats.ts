import {
  audienceStatsSchema,
  campaignAnalyticsQuerySchema,
  campaignAnalyticsSchema,
  campaignStatsListQuerySchema,
  campaignStatsListSchema,
  overviewStatsSchema,
  statsQuerySchema,
} from "@/lib/analytics/schemas";
import type { ApiOperation } from "../operation";

export const statsOperations: ApiOperation[] = [
  {
    id: "getOverviewStats",
    method: "GET",
    path: "/api/v1/stats",
    tag: "Analytics",
    summary: "Get the app overview",
    description:
      "Sent, delivered, opened, converted and revenue with their rates, opt-in and opt-out, over time and by platform and category.",
    auth: "apiKey",
    scope: "read",
    query: statsQuerySchema,
    responses: [{ status: 200, description: "The overview", schema: overviewStatsSchema }],
  },
  {
    id: "getAudienceStats",
    method: "GET",
    path: "/api/v1/stats/audience",
    tag: "Analytics",
    summary: "Get audience growth and token health",
    description:
      "Subscribers and active devices over the period; active, unsubscribed and invalid devices by platform.",
    auth: "apiKey",
    scope: "read",
    query: statsQuerySchema,
    responses: [{ status: 200, description: "The audience metrics", schema: audienceStatsSchema }],
  },
  {
    id: "listCampaignStats",
    method: "GET",
    path: "/api/v1/stats/campaigns",
    tag: "Analytics",
    summary: "List campaigns with their metrics",
    description:
      "Each campaign's funnel and rates for the pushes it sent in the period, cursor-paged.",
    auth: "apiKey",
    scope: "read",
    query: campaignStatsListQuerySchema,
    responses: [
      {
        status: 200,
        description: "A page of campaigns with metrics",
        schema: campaignStatsListSchema,
      },
    ],
  },
  {
    id: "getCampaignAnalytics",
    method: "GET",
    path: "/api/v1/stats/campaigns/{campaignId}",
    tag: "Analytics",
    summary: "Get a campaign's analytics",
    description:
      "Funnel with drop-offs, time-to-open distribution and median, opens and conversions by hour after send, variants, errors and skips by reason.",
    auth: "apiKey",
    scope: "read",
    pathParameters: [{ name: "campaignId", description: "The campaign's id." }],
    query: campaignAnalyticsQuerySchema,
    responses: [
      { status: 200, description: "The campaign's analytics", schema: campaignAnalyticsSchema },
    ],
  },
];
