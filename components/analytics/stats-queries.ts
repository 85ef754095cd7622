"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type {
  AudienceStats,
  CampaignAnalytics,
  CampaignStatsList,
  OverviewStats,
} from "@/lib/analytics/schemas";
import { api } from "@/lib/api-client";
import { type StatsFilters, statsQueryString } from "./use-stats-filters";

// The dashboards read the public stats API with the member's session, like
// any API client would: the numbers on screen are the API's numbers.

export const statsKeys = {
  all: (appId: string) => ["apps", appId, "stats"] as const,
  overview: (appId: string, query: string) => ["apps", appId, "stats", "overview", query] as const,
  audience: (appId: string, query: string) => ["apps", appId, "stats", "audience", query] as const,
  campaigns: (appId: string, query: string) =>
    ["apps", appId, "stats", "campaigns", query] as const,
  campaign: (appId: string, campaignId: string, query: string) =>
    ["apps", appId, "stats", "campaign", campaignId, query] as const,
};

/** Live enough for a demo that keeps sending; cheap, since every call reads rollups only. */
const REFRESH_MS = 30_000;

const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);

export function useOverviewStats(appId: string, filters: StatsFilters) {
  const query = statsQueryString(filters);
  return useQuery({
    queryKey: statsKeys.overview(appId, query),
    queryFn: () => api<OverviewStats>(withQuery("/api/v1/stats", query), { appId }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

/** Audience figures are app-wide: the segment filter does not apply to them. */
export function useAudienceStats(appId: string, filters: StatsFilters) {
  const query = statsQueryString(filters, ["days", "from", "platform"]);
  return useQuery({
    queryKey: statsKeys.audience(appId, query),
    queryFn: () => api<AudienceStats>(withQuery("/api/v1/stats/audience", query), { appId }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useCampaignStatsList(appId: string, filters: StatsFilters, cursor: string | null) {
  const params = new URLSearchParams(statsQueryString(filters));
  params.set("limit", "100");
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return useQuery({
    queryKey: statsKeys.campaigns(appId, query),
    queryFn: () => api<CampaignStatsList>(withQuery("/api/v1/stats/campaigns", query), { appId }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useCampaignAnalytics(appId: string, campaignId: string, filters: StatsFilters) {
  const query = statsQueryString(filters, ["platform"]);
  return useQuery({
    queryKey: statsKeys.campaign(appId, campaignId, query),
    queryFn: () =>
      api<CampaignAnalytics>(
        withQuery(`/api/v1/stats/campaigns/${encodeURIComponent(campaignId)}`, query),
        { appId },
      ),
    refetchInterval: 15_000,
    placeholderData: keepPreviousData,
  });
}
