"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { CampaignDto, CampaignStatsDto } from "@/lib/campaigns/api-schemas";
import type { CampaignExperimentDto } from "@/lib/campaigns/campaign-experiment-results";
import type { CampaignProgress } from "@/lib/campaigns/campaign-progress";
import type { AudienceEstimate } from "@/lib/campaigns/estimate-audience";
import type { TestDeviceDto } from "@/lib/campaigns/list-test-devices";
import type { RenderedPreview } from "@/lib/campaigns/render-preview";
import type { TriggerActivityDto } from "@/lib/triggers/schemas";

// The campaigns API as the dashboard uses it: query keys under ["apps", appId]
// (so one invalidation refreshes an app's screens) and the DTO types, imported
// as types only — nothing server-side reaches the browser bundle.

export type {
  AudienceEstimate,
  CampaignDto,
  CampaignExperimentDto,
  CampaignProgress,
  CampaignStatsDto,
  RenderedPreview,
  TestDeviceDto,
  TriggerActivityDto,
};
export type CampaignStatus = CampaignDto["status"];

export interface CampaignListFilters {
  status: CampaignStatus | null;
  category: CampaignDto["category"] | null;
  q: string;
}

export const campaignKeys = {
  all: (appId: string) => ["apps", appId, "campaigns"] as const,
  list: (appId: string, filters: CampaignListFilters) =>
    ["apps", appId, "campaigns", "list", filters] as const,
  detail: (appId: string, campaignId: string) =>
    ["apps", appId, "campaigns", "one", campaignId] as const,
  stats: (appId: string, campaignId: string) =>
    ["apps", appId, "campaigns", "one", campaignId, "stats"] as const,
  progress: (appId: string, campaignId: string) =>
    ["apps", appId, "campaigns", "one", campaignId, "progress"] as const,
  experiment: (appId: string, campaignId: string) =>
    ["apps", appId, "campaigns", "one", campaignId, "experiment"] as const,
  triggerActivity: (appId: string, campaignId: string, days: number) =>
    ["apps", appId, "campaigns", "one", campaignId, "trigger-activity", days] as const,
  runs: (appId: string, campaignId: string) =>
    ["apps", appId, "campaigns", "one", campaignId, "runs"] as const,
  estimate: (appId: string, body: unknown) =>
    ["apps", appId, "campaigns", "estimate", body] as const,
  testDevices: (appId: string) => ["apps", appId, "test-devices"] as const,
  segments: (appId: string) => ["apps", appId, "segments"] as const,
  segmentCount: (appId: string, segmentId: string) =>
    ["apps", appId, "segments", segmentId, "count"] as const,
  topics: (appId: string) => ["apps", appId, "topics"] as const,
  subscriberSearch: (appId: string, q: string) =>
    ["apps", appId, "subscribers", "search", q] as const,
};

export const campaignPath = (campaignId: string, tail = "") =>
  `/api/v1/campaigns/${encodeURIComponent(campaignId)}${tail}`;

export function useCampaign(appId: string, campaignId: string) {
  return useQuery({
    queryKey: campaignKeys.detail(appId, campaignId),
    queryFn: () => api<CampaignDto>(campaignPath(campaignId), { appId }),
  });
}

export interface SegmentSummary {
  id: string;
  name: string;
  description?: string | null;
  definition?: unknown;
}

export interface TopicSummary {
  id: string;
  key: string;
  name: string;
}

/** Saved segments, for the audience picker (the Audience feature's API). */
export function useSegments(appId: string) {
  return useQuery({
    queryKey: campaignKeys.segments(appId),
    queryFn: () => api<{ data: SegmentSummary[] }>("/api/v1/segments?limit=100", { appId }),
    staleTime: 60_000,
  });
}

export function useTopics(appId: string) {
  return useQuery({
    queryKey: campaignKeys.topics(appId),
    queryFn: () => api<{ data: TopicSummary[] }>("/api/v1/topics?limit=100", { appId }),
    staleTime: 60_000,
  });
}

/** Attribute names seen on the app's subscribers (the segment builder's field discovery), for the personalisation picker. */
export function useAttributeNames(appId: string) {
  return useQuery({
    queryKey: ["apps", appId, "segments", "fields"],
    queryFn: () =>
      api<{ attributes: { name: string; seen: number }[] }>("/api/v1/segments/fields", { appId }),
    staleTime: 5 * 60_000,
    retry: false,
    select: (fields) => fields.attributes.map((attribute) => attribute.name),
  });
}

/** Event names the app has received (the same field discovery), for picking a trigger's events. */
export function useEventNames(appId: string) {
  return useQuery({
    queryKey: ["apps", appId, "segments", "fields"],
    queryFn: () =>
      api<{ attributes: { name: string; seen: number }[]; events: { name: string }[] }>(
        "/api/v1/segments/fields",
        { appId },
      ),
    staleTime: 5 * 60_000,
    retry: false,
    select: (fields) => fields.events.map((event) => event.name),
  });
}

export function useAudienceEstimate(
  appId: string,
  body: { audience: unknown; topicId: string | null } | null,
) {
  return useQuery({
    queryKey: campaignKeys.estimate(appId, body),
    queryFn: () =>
      api<AudienceEstimate>("/api/v1/campaigns/audience-estimate", { appId, body: body ?? {} }),
    enabled: body !== null,
    staleTime: 30_000,
    retry: false,
    placeholderData: (previous) => previous,
  });
}
