"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { type PlatformFilter, type StatsFilters, useStatsFilters } from "./use-stats-filters";

const presets = [
  { days: 1, label: "Today" },
  { days: 7, label: "Last 7 days" },
  { days: 30, label: "Last 30 days" },
  { days: 90, label: "Last 90 days" },
] as const;

const selectClass =
  "rounded-md border-0 bg-white py-1.5 pr-8 pl-3 text-sm text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500";

function periodValue(filters: StatsFilters): string {
  if (filters.from && filters.to) return "custom";
  return String(filters.days ?? 30);
}

/**
 * Period, platform and segment: each change rewrites the URL (so the view is
 * shareable) and the dashboards below refetch from it.
 */
export function StatsFilterBar({
  segments = [],
  showPeriod = true,
  showSegment = true,
}: {
  segments?: readonly { id: string; name: string }[];
  showPeriod?: boolean;
  showSegment?: boolean;
}) {
  const { filters, setFilters } = useStatsFilters();
  const [isCustom, setIsCustom] = useState(Boolean(filters.from && filters.to));
  const [from, setFrom] = useState(filters.from ?? "");
  const [to, setTo] = useState(filters.to ?? "");
  const id = useId();
  const period = isCustom ? "custom" : periodValue(filters);

  return (
    <fieldset
      className="m-0 flex min-w-0 flex-wrap items-end gap-3 border-0 p-0"
      aria-label="Filters"
    >
      {showPeriod && (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-period`} className="text-xs font-medium text-slate-500">
            Period
          </label>
          <select
            id={`${id}-period`}
            className={selectClass}
            value={period}
            onChange={(event) => {
              if (event.target.value === "custom") {
                setIsCustom(true);
                return;
              }
              setIsCustom(false);
              const days = Number(event.target.value);
              setFilters({
                ...filters,
                from: undefined,
                to: undefined,
                days: days === 30 ? undefined : days,
              });
            }}
          >
            {presets.map((preset) => (
              <option key={preset.days} value={preset.days}>
                {preset.label}
              </option>
            ))}
            <option value="custom">Custom range…</option>
          </select>
        </div>
      )}
      {showPeriod && isCustom && (
        <form
          className="flex items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (from && to) setFilters({ ...filters, days: undefined, from, to });
          }}
        >
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-from`} className="text-xs font-medium text-slate-500">
              From
            </label>
            <input
              id={`${id}-from`}
              type="date"
              className={selectClass}
              value={from}
              max={to || undefined}
              onChange={(event) => setFrom(event.target.value)}
              required
            />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-to`} className="text-xs font-medium text-slate-500">
              To
            </label>
            <input
              id={`${id}-to`}
              type="date"
              className={selectClass}
              value={to}
              min={from || undefined}
              onChange={(event) => setTo(event.target.value)}
              required
            />
          </div>
          <Button type="submit" variant="secondary" size="sm">
            Apply
          </Button>
        </form>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-platform`} className="text-xs font-medium text-slate-500">
          Platform
        </label>
        <select
          id={`${id}-platform`}
          className={selectClass}
          value={filters.platform ?? ""}
          onChange={(event) =>
            setFilters({
              ...filters,
              platform: (event.target.value || undefined) as PlatformFilter | undefined,
            })
          }
        >
          <option value="">All platforms</option>
          <option value="web">Web</option>
          <option value="ios">iOS</option>
          <option value="android">Android</option>
        </select>
      </div>
      {showSegment && segments.length > 0 && (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-segment`} className="text-xs font-medium text-slate-500">
            Segment
          </label>
          <select
            id={`${id}-segment`}
            className={selectClass}
            value={filters.segmentId ?? ""}
            onChange={(event) =>
              setFilters({ ...filters, segmentId: event.target.value || undefined })
            }
          >
            <option value="">All campaigns</option>
            {segments.map((segment) => (
              <option key={segment.id} value={segment.id}>
                Sent to {segment.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </fieldset>
  );
}
