"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { MetricSwitch } from "@/components/analytics/metric-switch";
import { BarChart } from "@/components/charts/bar-chart";
import { chartColors } from "@/components/charts/chart-format";
import { QueryError } from "@/components/settings/api-state";
import { formatDateTime, formatRelative } from "@/components/settings/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/skeleton";
import { api } from "@/lib/api-client";
import {
  type CampaignStatus,
  campaignKeys,
  campaignPath,
  type TriggerActivityDto,
} from "./campaign-api";
import { describeEvents, describeTrigger } from "./describe-trigger";
import { formatCount, formatMinutes } from "./format";

const periods = [
  { id: "7", label: "Last 7 days" },
  { id: "30", label: "Last 30 days" },
] as const;

type Period = (typeof periods)[number]["id"];
type FiringStatus = "pending" | "sent" | "exited" | "skipped";

const statusColors: Record<FiringStatus, string> = {
  pending: chartColors.sky,
  sent: chartColors.emerald,
  exited: chartColors.violet,
  skipped: chartColors.amber,
};

const dayLabel = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});
// A local calendar date of the app's zone: format it at noon UTC so no zone shifts the day.
const formatDay = (date: string) => dayLabel.format(new Date(`${date}T12:00:00Z`));

function headline(status: CampaignStatus): { text: string; isLive: boolean } {
  switch (status) {
    case "sending":
      return { text: "Active: it sends to people as they trigger it.", isLive: true };
    case "paused":
      return {
        text: "Paused: events do not trigger it, and firings already waiting are held until you resume.",
        isLive: false,
      };
    case "canceled":
      return { text: "Canceled: nobody else gets it.", isLive: false };
    default:
      return { text: "Not active.", isLive: false };
  }
}

/** Why the waiting firings are waiting, and when the next goes. */
function upcomingText(activity: TriggerActivityDto): string {
  const { pending, dueNow, next24Hours, nextDueAt } = activity.upcoming;
  if (pending === 0) return "Nobody is waiting for it right now.";
  const people = `${formatCount(pending)} ${pending === 1 ? "person is" : "people are"} waiting`;
  if (activity.status === "paused")
    return `${people}; they get it after you resume (unless they exit meanwhile).`;
  if (activity.status !== "sending")
    return `${people}, but it is no longer active: they will not get it.`;
  const parts = [people];
  if (dueNow > 0) parts.push(`${formatCount(dueNow)} due now, going out within a minute`);
  if (next24Hours > 0) parts.push(`${formatCount(next24Hours)} due in the next 24 hours`);
  const next =
    nextDueAt && new Date(nextDueAt).getTime() > Date.now()
      ? ` The next is due ${formatRelative(nextDueAt)} (${formatDateTime(nextDueAt)}).`
      : "";
  return `${parts.join(" · ")}.${next}`;
}

/**
 * A triggered campaign's activity: its firings of the last 7 or 30 days by
 * status (with what made people exit), per day, and who is waiting for it.
 * Polled while it is active, so a firing shows up as it happens.
 */
export function TriggerActivity({
  appId,
  campaignId,
  status,
}: {
  appId: string;
  campaignId: string;
  status: CampaignStatus;
}) {
  const [period, setPeriod] = useState<Period>("7");
  const days = Number(period);
  const activity = useQuery({
    queryKey: campaignKeys.triggerActivity(appId, campaignId, days),
    queryFn: () =>
      api<TriggerActivityDto>(campaignPath(campaignId, `/trigger-activity?days=${days}`), {
        appId,
      }),
    refetchInterval: status === "sending" ? 5_000 : false,
    placeholderData: (previous) => previous,
  });
  const state = headline(activity.data?.status ?? status);
  return (
    <Card>
      <CardHeader
        title="Activity"
        description={
          <span className="inline-flex items-center gap-1.5" data-testid="activity-headline">
            {state.isLive && (
              <span
                aria-hidden="true"
                className="size-1.5 animate-pulse rounded-full bg-emerald-500"
              />
            )}
            {state.text}
          </span>
        }
        actions={
          <MetricSwitch
            label="Activity period"
            options={periods}
            value={period}
            onChange={setPeriod}
          />
        }
      />
      {activity.isPending ? (
        <LoadingRows rows={4} label="Loading the activity…" />
      ) : activity.isError ? (
        <QueryError error={activity.error} onRetry={() => activity.refetch()} />
      ) : (
        <ActivityBody activity={activity.data} />
      )}
    </Card>
  );
}

function ActivityBody({ activity }: { activity: TriggerActivityDto }) {
  const { firings, trigger } = activity;
  const exitEvents = trigger?.type === "event" ? trigger.exitEvents : [];
  const tiles: { status: FiringStatus; label: string; note: string }[] = [
    {
      status: "pending",
      label: "Waiting",
      note:
        trigger?.type === "event" && trigger.delayMinutes > 0
          ? `until their wait (${formatMinutes(trigger.delayMinutes)}) is over`
          : "about to go out",
    },
    {
      status: "sent",
      label: "Sent",
      note: "handed to delivery, where caps and quiet hours still apply",
    },
    {
      status: "exited",
      label: "Exited",
      note: exitEvents.length
        ? `did ${describeEvents(exitEvents)} before it went out`
        : "called off by an exit event",
    },
    { status: "skipped", label: "Skipped", note: "closed without a push" },
  ];
  return (
    <CardBody className="space-y-5">
      <p className="text-sm text-slate-600">
        {trigger ? `${describeTrigger(trigger)}.` : "This campaign has no trigger."}{" "}
        <span className="text-slate-500">
          {formatCount(firings.total)} firing{firings.total === 1 ? "" : "s"}{" "}
          {activity.period.days === 7
            ? "in the last 7 days"
            : `in the last ${activity.period.days} days`}{" "}
          (days in {activity.period.timezone.replaceAll("_", " ")}).
        </span>
      </p>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="activity-counts">
        {tiles.map((tile) => (
          <div
            key={tile.status}
            className="rounded-lg bg-slate-50 px-3.5 py-3 ring-1 ring-inset ring-slate-200"
          >
            <dt className="flex items-center gap-1.5 text-xs font-medium text-slate-500">
              <span
                aria-hidden="true"
                className="size-2 rounded-full"
                style={{ backgroundColor: statusColors[tile.status] }}
              />
              {tile.label}
            </dt>
            <dd
              className="mt-0.5 text-xl font-semibold tabular-nums text-slate-900"
              data-testid={`activity-${tile.status}`}
            >
              {formatCount(firings[tile.status])}
            </dd>
            <dd className="mt-0.5 text-xs text-slate-500">{tile.note}</dd>
          </div>
        ))}
      </dl>
      {activity.exits.length > 0 && (
        <div>
          <h3 className="text-sm font-medium text-slate-800">Why people exited</h3>
          <ul className="mt-1.5 space-y-1 text-sm text-slate-600" data-testid="activity-exits">
            {activity.exits.map((exit) => (
              <li key={exit.event ?? "(unknown)"} className="flex justify-between gap-3">
                <span>
                  {exit.event ? (
                    <>
                      Did <code className="font-mono text-xs text-slate-800">{exit.event}</code>{" "}
                      before the wait was over
                    </>
                  ) : (
                    "Did an exit event that has since been erased"
                  )}
                </span>
                <span className="font-medium tabular-nums text-slate-900">
                  {formatCount(exit.count)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {firings.total > 0 ? (
        <BarChart
          label="Firings per day, by status"
          height={200}
          rows={activity.daily}
          category={(row) => formatDay(row.date)}
          series={tiles.map((tile) => ({
            key: tile.status,
            label: tile.label,
            color: statusColors[tile.status],
            format: "count",
            stackId: "status",
            value: (row: TriggerActivityDto["daily"][number]) => row[tile.status],
          }))}
        />
      ) : (
        <EmptyState
          title={`Nobody triggered it in the last ${activity.period.days} days`}
          description={
            trigger?.type === "event"
              ? `Each time someone does ${trigger.event}, the firing shows up here.`
              : "Each person who goes quiet for long enough shows up here."
          }
        />
      )}
      <p
        className="rounded-md bg-brand-50/60 px-3 py-2 text-sm text-brand-700"
        data-testid="activity-upcoming"
      >
        {upcomingText(activity)}
      </p>
    </CardBody>
  );
}
