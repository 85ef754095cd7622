"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { SegmentFieldsDto } from "@/lib/segments/discover-fields";
import type { SegmentPreviewDto } from "@/lib/segments/preview-segment";
import type { SegmentDto, SegmentSummaryDto } from "@/lib/segments/segment-dto";

/** Everything of one app sits under ["apps", appId]: one invalidation refreshes it all. */
export const segmentKeys = {
  all: (appId: string) => ["apps", appId, "segments"] as const,
  list: (appId: string, q: string) => ["apps", appId, "segments", "list", q] as const,
  detail: (appId: string, segmentId: string) =>
    ["apps", appId, "segments", "detail", segmentId] as const,
  // Shared with the campaign composer's attribute picker.
  fields: (appId: string) => ["apps", appId, "segments", "fields"] as const,
  preview: (appId: string, definition: string) =>
    ["apps", appId, "segments", "preview", definition] as const,
  names: (appId: string) => ["apps", appId, "segments", "names"] as const,
};

export type SegmentPage = { data: SegmentSummaryDto[]; nextCursor: string | null };

export function useSegment(appId: string, segmentId: string | null) {
  return useQuery({
    queryKey: segmentKeys.detail(appId, segmentId ?? ""),
    queryFn: () =>
      api<SegmentDto>(`/api/v1/segments/${encodeURIComponent(segmentId ?? "")}`, { appId }),
    enabled: Boolean(segmentId),
  });
}

/** The app's attribute and event vocabulary; it changes slowly. */
export function useSegmentFields(appId: string) {
  return useQuery({
    queryKey: segmentKeys.fields(appId),
    queryFn: () => api<SegmentFieldsDto>("/api/v1/segments/fields", { appId }),
    staleTime: 5 * 60_000,
  });
}

/** Saved segments by name, for the "is in segment" condition. */
export function useSegmentNames(appId: string) {
  return useQuery({
    queryKey: segmentKeys.names(appId),
    queryFn: () => api<SegmentPage>("/api/v1/segments?limit=100", { appId }),
    staleTime: 60_000,
    select: (page) => page.data.map(({ id, name }) => ({ id, name })),
  });
}

/**
 * The live count of a definition (already debounced and valid, as JSON), or
 * nothing while there is none. The previous count stays on screen while the
 * next one loads, so the number never flickers to a spinner.
 */
export function useSegmentPreview(appId: string, definitionJson: string | null) {
  return useQuery({
    queryKey: segmentKeys.preview(appId, definitionJson ?? ""),
    queryFn: () =>
      api<SegmentPreviewDto>("/api/v1/segments/preview", {
        appId,
        body: { definition: JSON.parse(definitionJson ?? "null") },
      }),
    enabled: definitionJson !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
}
