"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { asApiError, QueryError } from "@/components/settings/api-state";
import { formatDateTime } from "@/components/settings/format";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows, Skeleton } from "@/components/ui/skeleton";
import { api } from "@/lib/api-client";
import type { AuditEntryDto } from "@/lib/audit/list-audit-log";
import { CampaignActions } from "./campaign-actions";
import {
  type CampaignProgress,
  type CampaignStatsDto,
  campaignKeys,
  campaignPath,
  useCampaign,
} from "./campaign-api";
import { CampaignAuditTrail } from "./campaign-audit-trail";
import { CampaignSummary } from "./campaign-summary";
import { ExperimentResults } from "./experiment-results";
import { KeyNumbers } from "./key-numbers";
import { PlatformBreakdown } from "./platform-breakdown";
import { ReasonBreakdown } from "./reason-breakdown";
import { RecurringRuns } from "./recurring-runs";
import { SendProgress } from "./send-progress";
import { CampaignStatusBadge, categoryLabels } from "./status-badge";
import { TriggerActivity } from "./trigger-activity";

const progressPollMs = 2_000;

/** A campaign's page: status and actions, live progress, results, A/B test, reasons, history. */
export function CampaignDetail({
  appId,
  campaignId,
  auditTrail,
  canWrite,
  canLaunch,
}: {
  appId: string;
  campaignId: string;
  auditTrail: AuditEntryDto[];
  canWrite: boolean;
  canLaunch: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const campaign = useCampaign(appId, campaignId);
  const status = campaign.data?.status;
  const progress = useQuery({
    queryKey: campaignKeys.progress(appId, campaignId),
    queryFn: () => api<CampaignProgress>(campaignPath(campaignId, "/progress"), { appId }),
    enabled: Boolean(status),
    refetchInterval: (query) => {
      const live = query.state.data?.status ?? status;
      // An active triggered campaign stays "sending" for good: its activity card polls instead.
      if (live === "sending")
        return campaign.data?.category === "triggered" ? 10_000 : progressPollMs;
      return live === "scheduled" ? 5_000 : false;
    },
  });
  const isLaunched = Boolean(campaign.data?.launchedAt) || progress.data?.launchedAt;
  const stats = useQuery({
    queryKey: campaignKeys.stats(appId, campaignId),
    queryFn: () => api<CampaignStatsDto>(campaignPath(campaignId, "/stats"), { appId }),
    enabled: Boolean(isLaunched),
    refetchInterval: progress.data?.status === "sending" ? 10_000 : false,
  });

  // Stats and A/B results are heavier reads: refreshed when a sending phase finishes rather than every poll.
  const phaseKey = progress.data
    ? `${progress.data.status}:${progress.data.total}:${progress.data.remaining === 0}`
    : null;
  useEffect(() => {
    if (!phaseKey) return;
    void queryClient.invalidateQueries({ queryKey: campaignKeys.stats(appId, campaignId) });
    void queryClient.invalidateQueries({ queryKey: campaignKeys.experiment(appId, campaignId) });
  }, [phaseKey, appId, campaignId, queryClient]);

  // When the worker moves the campaign on (scheduled → sending → completed), refresh the rest.
  const liveStatus = progress.data?.status;
  useEffect(() => {
    if (!liveStatus || !status || liveStatus === status) return;
    void queryClient.invalidateQueries({ queryKey: campaignKeys.detail(appId, campaignId) });
    void queryClient.invalidateQueries({ queryKey: campaignKeys.stats(appId, campaignId) });
    router.refresh();
  }, [liveStatus, status, appId, campaignId, queryClient, router]);

  if (campaign.isPending) {
    return (
      <div className="space-y-6">
        <Skeleton className="h-9 w-72" />
        <Card>
          <LoadingRows rows={5} label="Loading the campaign…" />
        </Card>
      </div>
    );
  }
  if (campaign.isError) {
    return (
      <Card>
        {asApiError(campaign.error)?.status === 404 ? (
          <EmptyState
            title="This campaign does not exist"
            description="It may have been deleted, or it belongs to another app."
            action={
              <Link
                href={`/apps/${appId}/campaigns`}
                className="text-sm font-medium text-brand-600"
              >
                Back to campaigns
              </Link>
            }
          />
        ) : (
          <QueryError error={campaign.error} onRetry={() => campaign.refetch()} />
        )}
      </Card>
    );
  }
  const data = campaign.data;
  const currentStatus = progress.data?.status ?? data.status;
  const isTriggered = data.category === "triggered";
  // A recurring campaign is a template that sends nothing itself: its runs are campaigns of their own.
  const isRecurring = data.schedule.type === "recurring" && data.parentId === null;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <Link
            href={`/apps/${appId}/campaigns`}
            className="text-sm font-medium text-brand-600 hover:underline"
          >
            ← All campaigns
          </Link>
          <h1 className="mt-1 truncate text-2xl font-semibold tracking-tight text-slate-900">
            {data.name}
          </h1>
          <div className="mt-1.5 flex flex-wrap items-center gap-2 text-sm text-slate-500">
            <span data-testid="campaign-status">
              <CampaignStatusBadge status={currentStatus} category={data.category} />
            </span>
            <span>{categoryLabels[data.category]}</span>
            <span aria-hidden="true">·</span>
            <span>Created {formatDateTime(data.createdAt)}</span>
            {data.parentId && (
              <>
                <span aria-hidden="true">·</span>
                <Link
                  href={`/apps/${appId}/campaigns/${data.parentId}`}
                  className="font-medium text-brand-600 hover:underline"
                >
                  A run of a recurring campaign
                </Link>
              </>
            )}
          </div>
        </div>
        <CampaignActions appId={appId} campaign={data} canWrite={canWrite} canLaunch={canLaunch} />
      </div>
      {progress.data && data.status !== "draft" && !isTriggered && !isRecurring && (
        <SendProgress appId={appId} campaign={data} progress={progress.data} />
      )}
      {isTriggered && data.status !== "draft" && (
        <TriggerActivity appId={appId} campaignId={campaignId} status={currentStatus} />
      )}
      {isRecurring && data.status !== "draft" && (
        <RecurringRuns
          appId={appId}
          campaign={data}
          status={currentStatus}
          nextRunAt={progress.data?.scheduledAt ?? data.scheduledAt}
        />
      )}
      {data.status === "draft" && (
        <Card>
          <EmptyState
            title="This campaign is a draft"
            description={
              isTriggered
                ? "Nothing is sent until you activate it. Edit it, send yourself a test from the composer, then activate it."
                : "Nothing has been sent. Edit it, send yourself a test from the composer, then send or schedule it."
            }
          />
        </Card>
      )}
      {isLaunched &&
        (stats.data ? (
          <KeyNumbers
            campaign={data}
            stats={stats.data}
            isTestPhase={Boolean(progress.data?.experimentDecidesAt)}
          />
        ) : stats.isError ? (
          <Card>
            <QueryError error={stats.error} onRetry={() => stats.refetch()} />
          </Card>
        ) : (
          <Skeleton className="h-24 w-full" />
        ))}
      {data.experiment && (
        <ExperimentResults
          appId={appId}
          campaignId={campaignId}
          isLive={(progress.data?.status ?? data.status) === "sending"}
          canLaunch={canLaunch}
        />
      )}
      <CampaignSummary appId={appId} campaign={data} />
      {stats.data && (
        <>
          <ReasonBreakdown stats={stats.data} />
          <PlatformBreakdown stats={stats.data} />
        </>
      )}
      <CampaignAuditTrail entries={auditTrail} />
    </div>
  );
}
