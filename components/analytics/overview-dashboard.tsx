"use client";

import type { ReactNode } from "react";
import { QueryError } from "@/components/settings/api-state";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { AudienceOverTimeCard, TokenHealthCard } from "./audience-cards";
import { CategoryBreakdownCard, PlatformBreakdownCard } from "./breakdown-cards";
import { RatesOverTimeCard, VolumeOverTimeCard } from "./over-time-cards";
import { OverviewKpis } from "./overview-kpis";
import { StatsFilterBar } from "./stats-filter-bar";
import { useAudienceStats, useOverviewStats } from "./stats-queries";
import { useStatsFilters } from "./use-stats-filters";

function Loading({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label}>
      <Skeleton className="h-72 rounded-xl" />
    </div>
  );
}

/**
 * The app overview: the period's funnel and rates, rates over time, the
 * breakdowns against industry ranges, and the audience. Every figure comes
 * from GET /api/v1/stats and /api/v1/stats/audience.
 */
export function OverviewDashboard({
  appId,
  segments,
  emptyAudience,
}: {
  appId: string;
  segments: readonly { id: string; name: string }[];
  /** Shown instead of the audience charts while the app has no active device. */
  emptyAudience?: ReactNode;
}) {
  const { filters } = useStatsFilters();
  const overview = useOverviewStats(appId, filters);
  const audience = useAudienceStats(appId, filters);
  const hasNoDevices = audience.data?.current.activeDevices === 0;

  return (
    <div className="space-y-6">
      <StatsFilterBar segments={segments} />
      {hasNoDevices && emptyAudience}
      {overview.isError ? (
        <Card>
          <QueryError error={overview.error} onRetry={() => overview.refetch()} />
        </Card>
      ) : (
        <OverviewKpis stats={overview.data} />
      )}
      {overview.data ? (
        <>
          <div className="grid gap-6 xl:grid-cols-2">
            <VolumeOverTimeCard stats={overview.data} />
            <RatesOverTimeCard stats={overview.data} />
          </div>
          <PlatformBreakdownCard stats={overview.data} />
          <CategoryBreakdownCard stats={overview.data} />
        </>
      ) : (
        !overview.isError && <Loading label="Loading charts" />
      )}
      {audience.isError ? (
        <Card>
          <QueryError error={audience.error} onRetry={() => audience.refetch()} />
        </Card>
      ) : audience.data ? (
        <div className="grid gap-6 xl:grid-cols-2">
          <AudienceOverTimeCard stats={audience.data} />
          <TokenHealthCard stats={audience.data} />
        </div>
      ) : (
        <Loading label="Loading audience" />
      )}
    </div>
  );
}
