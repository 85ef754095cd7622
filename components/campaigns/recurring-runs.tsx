"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { QueryError } from "@/components/settings/api-state";
import { formatDateTime, formatRelative } from "@/components/settings/format";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { api } from "@/lib/api-client";
import type { CampaignKeyNumbers } from "@/lib/campaigns/list-campaign-key-numbers";
import { type CampaignDto, type CampaignStatus, campaignKeys } from "./campaign-api";
import { describeSchedule } from "./describe-schedule";
import { formatCount, formatPercent } from "./format";
import { CampaignStatusBadge } from "./status-badge";

const pageSize = 20;

/** Where the template stands: when the next run starts, or why none will. */
function nextRunText(status: CampaignStatus, scheduledAt: string | null): string {
  switch (status) {
    case "scheduled":
      return scheduledAt
        ? `Next run ${formatRelative(scheduledAt)}, ${formatDateTime(scheduledAt)}.`
        : "The next run is being scheduled.";
    case "paused":
      return "Paused: no run starts until you resume it.";
    case "canceled":
      return "Stopped: no more runs start.";
    case "completed":
      return "Ended: its last run has started.";
    default:
      return "No run has started yet.";
  }
}

/**
 * A recurring campaign is a template: each run is a campaign of its own
 * (`parentId`), listed here newest first with its numbers, under the time
 * of the next one.
 */
export function RecurringRuns({
  appId,
  campaign,
  status,
  nextRunAt,
}: {
  appId: string;
  campaign: CampaignDto;
  /** The live status and next run (the progress poll's), which may be ahead of `campaign`. */
  status: CampaignStatus;
  nextRunAt: string | null;
}) {
  const runs = useInfiniteQuery({
    queryKey: campaignKeys.runs(appId, campaign.id),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ parentId: campaign.id, limit: String(pageSize) });
      if (pageParam) params.set("cursor", pageParam);
      return api<{ data: CampaignDto[]; nextCursor: string | null }>(
        `/api/v1/campaigns?${params}`,
        { appId },
      );
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // A new run appears at its time; one that is sending changes its numbers.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.data.some((run) => run.status === "sending"))
        ? 5_000
        : status === "scheduled"
          ? 30_000
          : false,
  });
  const rows = runs.data?.pages.flatMap((page) => page.data) ?? [];
  const launchedIds = rows.filter((run) => run.launchedAt).map((run) => run.id);
  const numbers = useQuery({
    queryKey: [...campaignKeys.runs(appId, campaign.id), "key-numbers", launchedIds],
    queryFn: () =>
      api<{ data: CampaignKeyNumbers[] }>(
        `/api/v1/campaigns/key-numbers?ids=${launchedIds.join(",")}`,
        { appId },
      ),
    enabled: launchedIds.length > 0,
    placeholderData: (previous) => previous,
    refetchInterval: rows.some((run) => run.status === "sending") ? 5_000 : false,
  });
  const numbersById = new Map(numbers.data?.data.map((entry) => [entry.campaignId, entry]));

  return (
    <Card>
      <CardHeader
        title="Runs"
        description={
          <>
            {campaign.schedule.type === "recurring" && `${describeSchedule(campaign.schedule)}. `}
            <span data-testid="next-run">{nextRunText(status, nextRunAt)}</span>
          </>
        }
      />
      {runs.isPending ? (
        <LoadingRows rows={3} label="Loading the runs…" />
      ) : runs.isError ? (
        <QueryError error={runs.error} onRetry={() => runs.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          title="No runs yet"
          description={
            status === "scheduled" && nextRunAt
              ? `The first run starts ${formatDateTime(nextRunAt)}; each run is listed here with its results.`
              : "Each run is listed here with its results."
          }
        />
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>Run</Th>
                <Th>Status</Th>
                <Th className="text-right">Sent</Th>
                <Th className="text-right">Open rate</Th>
                <Th>
                  <span className="sr-only">Open</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="recurring-runs">
              {rows.map((run) => {
                const at = run.launchedAt ?? run.createdAt;
                const keyNumbers = numbersById.get(run.id);
                const href = `/apps/${appId}/campaigns/${run.id}`;
                return (
                  <tr key={run.id} className="hover:bg-slate-50/60">
                    <Td>
                      <Link href={href} className="font-medium text-slate-900 hover:text-brand-700">
                        <time dateTime={at}>{formatDateTime(at)}</time>
                      </Link>
                    </Td>
                    <Td>
                      <CampaignStatusBadge status={run.status} />
                    </Td>
                    <Td className="text-right tabular-nums">
                      {run.launchedAt ? formatCount(keyNumbers?.sent ?? 0) : "—"}
                    </Td>
                    <Td className="text-right tabular-nums">
                      {formatPercent(keyNumbers?.openRate)}
                    </Td>
                    <Td className="text-right">
                      <Link
                        href={href}
                        className="rounded-md px-2.5 py-1.5 text-xs font-medium text-slate-700 hover:bg-slate-100"
                        aria-label={`View the run of ${formatDateTime(at)}`}
                      >
                        View
                      </Link>
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          <div className="flex items-center justify-between border-t border-slate-100 px-5 py-3 text-sm text-slate-500">
            <span>
              {rows.length} run{rows.length === 1 ? "" : "s"}
              {runs.hasNextPage ? " shown" : ""}
            </span>
            {runs.hasNextPage && (
              <Button
                variant="secondary"
                size="sm"
                onClick={() => runs.fetchNextPage()}
                isLoading={runs.isFetchingNextPage}
              >
                Load older runs
              </Button>
            )}
          </div>
        </>
      )}
    </Card>
  );
}
