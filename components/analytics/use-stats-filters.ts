"use client";

import { useRouter } from "next/navigation";
import { useCallback, useMemo } from "react";
import { useLocation } from "@/components/navigation/use-location";

export type PlatformFilter = "web" | "ios" | "android";

/** The dashboards' filters, kept in the URL so a view can be shared and reloaded. */
export interface StatsFilters {
  days?: number;
  from?: string;
  to?: string;
  platform?: PlatformFilter;
  segmentId?: string;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const platforms: readonly string[] = ["web", "ios", "android"];

/** Reads the filters from search params, dropping anything malformed (the API would refuse it). */
export function parseStatsFilters(params: URLSearchParams): StatsFilters {
  const filters: StatsFilters = {};
  const from = params.get("from");
  const to = params.get("to");
  const days = Number(params.get("days"));
  if (from && isoDay.test(from) && to && isoDay.test(to)) {
    filters.from = from;
    filters.to = to;
  } else if (Number.isInteger(days) && days >= 1 && days <= 366) {
    filters.days = days;
  }
  const platform = params.get("platform");
  if (platform && platforms.includes(platform)) filters.platform = platform as PlatformFilter;
  const segmentId = params.get("segmentId");
  if (segmentId && /^[A-Za-z0-9_-]{1,64}$/.test(segmentId)) filters.segmentId = segmentId;
  return filters;
}

/** The filters as a query string (no leading "?"), in a stable order. */
export function statsQueryString(filters: StatsFilters, only?: (keyof StatsFilters)[]): string {
  const params = new URLSearchParams();
  const include = (key: keyof StatsFilters) => !only || only.includes(key);
  if (filters.from && filters.to && include("from")) {
    params.set("from", filters.from);
    params.set("to", filters.to);
  } else if (filters.days && include("days")) {
    params.set("days", String(filters.days));
  }
  if (filters.platform && include("platform")) params.set("platform", filters.platform);
  if (filters.segmentId && include("segmentId")) params.set("segmentId", filters.segmentId);
  return params.toString();
}

export function useStatsFilters() {
  const router = useRouter();
  const { pathname, searchParams } = useLocation();
  const key = searchParams.toString();
  // Keyed on the string: the params object may change identity when nothing changed.
  const filters = useMemo(() => parseStatsFilters(new URLSearchParams(key)), [key]);
  const setFilters = useCallback(
    (next: StatsFilters) => {
      const query = statsQueryString(next);
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname],
  );
  return { filters, setFilters };
}
