"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { RenderedPreview } from "@/components/campaigns/campaign-api";
import { asApiError } from "@/components/settings/api-state";
import { api } from "@/lib/api-client";
import type { NotificationContentInput } from "@/lib/push/content";
import { hasLiquid, previewableContent } from "./content-draft";
import { useDebouncedValue } from "./use-debounced-value";

export interface RenderedPreviewState {
  /** What the previews show: rendered for the subscriber when Liquid is involved, else as typed. */
  content: NotificationContentInput;
  rendered: RenderedPreview | null;
  isRendering: boolean;
  /** Why the server could not render (a broken template, an unknown subscriber). */
  error: string | null;
}

/**
 * Plain text previews instantly from what is typed. Liquid, or a chosen
 * subscriber, needs the server (their attributes never come to the browser
 * otherwise): that render is debounced and the last one stays up meanwhile.
 */
export function useRenderedPreview(
  appId: string,
  content: NotificationContentInput,
  externalId: string | null,
): RenderedPreviewState {
  const needsServer = externalId !== null || hasLiquid(content);
  const request = useDebouncedValue({ content, externalId }, 350);
  // A field still being fixed is left out of the render, not a reason to stop rendering.
  // Up to five parses: once per settled value, not on every keystroke's render.
  const previewable = useMemo(() => previewableContent(request.content), [request.content]);
  const query = useQuery({
    queryKey: ["apps", appId, "campaigns", "preview", request],
    queryFn: () =>
      api<RenderedPreview>("/api/v1/campaigns/preview", {
        appId,
        body: { content: previewable, externalId: request.externalId },
      }),
    enabled: needsServer && previewable !== null,
    retry: false,
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });
  if (!needsServer) return { content, rendered: null, isRendering: false, error: null };
  const apiError = query.isError ? asApiError(query.error) : null;
  // The field's own words ("… is not closed"), not the problem's "content.title: …".
  const error = apiError ? (apiError.fields[0]?.detail ?? apiError.message) : null;
  return {
    content: query.data && !query.isError ? query.data.content : content,
    rendered: query.isError ? null : (query.data ?? null),
    isRendering: query.isFetching,
    error: previewable === null && hasLiquid(content) ? null : error,
  };
}
