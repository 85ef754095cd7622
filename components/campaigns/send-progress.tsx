"use client";

import { useEffect, useRef, useState } from "react";
import { formatDateTime, formatRelative } from "@/components/settings/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
import { type CampaignDto, type CampaignProgress, useAudienceEstimate } from "./campaign-api";
import { formatCount, formatDuration } from "./format";

interface Sample {
  done: number;
  at: number;
}

/** Sends per second over the last polls, for "about 2 minutes left". */
function useSendRate(done: number | null): number | null {
  const samples = useRef<Sample[]>([]);
  const [rate, setRate] = useState<number | null>(null);
  useEffect(() => {
    if (done === null) return;
    const now = Date.now();
    const kept = [...samples.current, { done, at: now }].filter(
      (sample) => now - sample.at <= 30_000,
    );
    samples.current = kept;
    const first = kept[0];
    if (!first || now - first.at < 3_000) return;
    setRate((done - first.done) / ((now - first.at) / 1000));
  }, [done]);
  return rate;
}

/** "in 3 minutes", and for the last minute "in less than a minute" rather than "just now". */
function startsIn(iso: string): string {
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  if (seconds <= 0) return "any moment now";
  if (seconds < 60) return "in less than a minute";
  return formatRelative(iso);
}

function headline(campaign: CampaignDto, progress: CampaignProgress, percent: number): string {
  switch (progress.status) {
    case "scheduled":
      return progress.scheduledAt
        ? `Starts ${startsIn(progress.scheduledAt)} (${formatDateTime(progress.scheduledAt)})`
        : "Scheduled";
    case "sending":
      if (progress.total === null) return "Preparing the audience…";
      if (progress.experimentDecidesAt && progress.remaining === 0)
        return "Test group sent: waiting for the winner";
      return `Sending: ${percent}% done`;
    case "paused":
      return `Paused with ${formatCount(progress.remaining)} left to send`;
    case "completed":
      return progress.completedAt
        ? `Completed ${formatRelative(progress.completedAt)}`
        : "Completed";
    case "canceled":
      return "Canceled";
    case "failed":
      return `Failed${campaign.failureReason ? `: ${campaign.failureReason}` : ""}`;
    default:
      return "Not launched yet";
  }
}

/**
 * The live progress bar: sent, failed and skipped of all listed recipients,
 * polled every 2 s while sending, with the time left at the current pace.
 */
export function SendProgress({
  appId,
  campaign,
  progress,
}: {
  appId: string;
  campaign: CampaignDto;
  progress: CampaignProgress;
}) {
  const finished =
    progress.sent + progress.failed + progress.skipped + progress.expired + progress.canceled;
  // While an A/B test waits for its winner only the test group is listed: the
  // rest of the audience (today's count, so "about") still belongs on the bar,
  // or a sent test group would look like a finished campaign.
  const isAwaitingWinner =
    progress.status === "sending" &&
    progress.experimentDecidesAt !== null &&
    progress.total !== null;
  const estimate = useAudienceEstimate(
    appId,
    isAwaitingWinner ? { audience: campaign.audience, topicId: campaign.topicId } : null,
  );
  const awaitingWinner =
    isAwaitingWinner && estimate.data
      ? Math.max(0, estimate.data.devices - (progress.total ?? 0))
      : 0;
  const total = (progress.total ?? 0) + awaitingWinner;
  const percent = total > 0 ? Math.floor((finished / total) * 100) : 0;
  const rate = useSendRate(progress.status === "sending" ? finished : null);
  const isSpread =
    campaign.schedule.type === "local_time" || campaign.schedule.type === "best_hour";
  const secondsLeft =
    progress.status === "sending" && rate && rate > 0 && progress.remaining > 0 && !isSpread
      ? progress.remaining / rate
      : null;
  const segments = [
    { label: "Sent", value: progress.sent, colorClass: "bg-emerald-500" },
    { label: "Failed", value: progress.failed, colorClass: "bg-red-500" },
    { label: "Skipped", value: progress.skipped, colorClass: "bg-amber-400" },
    {
      label: "Expired or canceled",
      value: progress.expired + progress.canceled,
      colorClass: "bg-slate-400",
    },
  ];
  const legend = [
    ...segments,
    {
      label:
        isSpread && progress.status === "sending" ? "Remaining (due at local times)" : "Remaining",
      value: progress.remaining,
      colorClass: "bg-slate-200",
    },
    {
      label: "Waiting for the winner",
      value: awaitingWinner,
      colorClass: "bg-slate-100 ring-1 ring-inset ring-slate-300",
      isEstimate: true,
    },
  ].filter(
    (entry) => entry.label === "Sent" || entry.label.startsWith("Remaining") || entry.value > 0,
  );
  return (
    <Card>
      <CardHeader
        title="Progress"
        description={
          progress.status === "sending" ? (
            <span className="inline-flex items-center gap-1.5">
              <span
                aria-hidden="true"
                className="size-1.5 animate-pulse rounded-full bg-emerald-500"
              />
              Live, updated every 2 seconds
            </span>
          ) : undefined
        }
      />
      <CardBody className="space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <p className="text-lg font-semibold text-slate-900" data-testid="progress-headline">
            {headline(campaign, progress, percent)}
          </p>
          {secondsLeft !== null && (
            <p className="text-sm text-slate-500">
              {formatDuration(secondsLeft)} left at the current pace
            </p>
          )}
        </div>
        {progress.status !== "scheduled" && progress.status !== "draft" && (
          <ProgressBar
            label="Sending progress"
            total={total}
            segments={segments}
            className={progress.total === null ? "animate-pulse" : undefined}
          />
        )}
        {progress.total !== null && (
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-5" data-testid="progress-counts">
            {legend.map((entry) => (
              <div key={entry.label}>
                <dt className="flex items-center gap-1.5 text-xs text-slate-500">
                  <span aria-hidden="true" className={`size-2 rounded-full ${entry.colorClass}`} />
                  {entry.label}
                </dt>
                <dd className="mt-0.5 text-base font-semibold tabular-nums text-slate-900">
                  {"isEstimate" in entry
                    ? `about ${formatCount(entry.value)}`
                    : formatCount(entry.value)}
                </dd>
              </div>
            ))}
          </dl>
        )}
        {progress.experimentDecidesAt && (
          <p className="rounded-md bg-brand-50/60 px-3 py-2 text-sm text-brand-700">
            {campaign.experiment?.selection === "manual"
              ? "The rest of the audience waits until you pick a winner below."
              : `The winner goes to the rest of the audience ${formatRelative(progress.experimentDecidesAt)} (${formatDateTime(progress.experimentDecidesAt)}).`}
          </p>
        )}
        {progress.throttlePerMinute && progress.status === "sending" && (
          <p className="text-xs text-slate-500">
            Throttled to {formatCount(progress.throttlePerMinute)} pushes a minute.
          </p>
        )}
      </CardBody>
    </Card>
  );
}
