"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { asApiError } from "@/components/settings/api-state";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { api } from "@/lib/api-client";
import type { Audience } from "@/lib/campaigns/audience";
import type { Experiment, Schedule } from "@/lib/campaigns/schemas";
import { campaignKeys, campaignPath, useAudienceEstimate } from "./campaign-api";
import { describeSchedule } from "./describe-schedule";
import { estimateSendDuration } from "./estimate-duration";
import { formatCount } from "./format";

/** Above this many devices the confirmation says plainly that this is a big send. */
const largeSendDevices = 10_000;

export interface LaunchableCampaign {
  id: string;
  name: string;
  category: "transactional" | "marketing" | "triggered";
  audience: Audience;
  topicId: string | null;
  schedule: Schedule;
  throttlePerMinute: number | null;
  experiment: Experiment | null;
}

interface LaunchResult {
  id: string;
  status: string;
  scheduledAt: string | null;
}

function isLaterStart(schedule: Schedule): boolean {
  return (
    (schedule.type === "at" && new Date(schedule.sendAt).getTime() > Date.now()) ||
    schedule.type === "recurring"
  );
}

/**
 * The step before a send: who gets it (a fresh count of active devices), when,
 * and how long sending takes. Launching is the one action that cannot be undone.
 */
export function LaunchDialog({
  appId,
  campaign,
  open,
  onClose,
  onLaunched,
}: {
  appId: string;
  campaign: LaunchableCampaign;
  open: boolean;
  onClose: () => void;
  onLaunched: (result: LaunchResult) => void;
}) {
  const queryClient = useQueryClient();
  const estimate = useAudienceEstimate(
    appId,
    open ? { audience: campaign.audience, topicId: campaign.topicId } : null,
  );
  const launch = useMutation({
    mutationFn: () =>
      api<LaunchResult>(campaignPath(campaign.id, "/launch"), { appId, method: "POST" }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: campaignKeys.all(appId) });
      onLaunched(result);
    },
  });
  const isScheduling = isLaterStart(campaign.schedule);
  const devices = estimate.data?.devices ?? null;
  const duration =
    devices === null
      ? null
      : estimateSendDuration({
          devices,
          throttlePerMinute: campaign.throttlePerMinute,
          schedule: campaign.schedule,
          experiment: campaign.experiment,
        });
  const isEmptyNow = devices === 0 && !isScheduling;
  return (
    <ConfirmDialog
      open={open}
      title={isScheduling ? `Schedule “${campaign.name}”?` : `Send “${campaign.name}” now?`}
      description={
        isScheduling
          ? "It will start by itself at the scheduled time. You can pause or cancel it until then."
          : "Sending starts as soon as you confirm. You can pause or cancel it while it sends, but pushes already sent cannot be recalled."
      }
      confirmLabel={isScheduling ? "Schedule campaign" : "Send now"}
      tone="primary"
      isLoading={launch.isPending}
      confirmDisabled={estimate.isPending || isEmptyNow}
      error={launch.error ? asApiError(launch.error)?.message : null}
      onConfirm={() => launch.mutate()}
      onClose={() => {
        launch.reset();
        onClose();
      }}
    >
      <dl className="space-y-3 rounded-lg bg-slate-50 px-4 py-3 text-sm ring-1 ring-inset ring-slate-200">
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Audience</dt>
          <dd className="mt-0.5" data-testid="launch-audience">
            {estimate.isPending ? (
              <Skeleton className="h-6 w-40" />
            ) : estimate.isError ? (
              <span className="text-red-700">
                Could not count the audience: {asApiError(estimate.error)?.message}
              </span>
            ) : (
              <>
                <span className="text-xl font-semibold tabular-nums text-slate-900">
                  {formatCount(devices)}
                </span>{" "}
                <span className="text-slate-600">
                  device{devices === 1 ? "" : "s"} · {formatCount(estimate.data?.subscribers)}{" "}
                  {estimate.data?.subscribers === 1 ? "person" : "people"}
                </span>
                <span className="mt-0.5 block text-xs text-slate-500">
                  iOS {formatCount(estimate.data?.byPlatform.ios)} · Android{" "}
                  {formatCount(estimate.data?.byPlatform.android)} · Web{" "}
                  {formatCount(estimate.data?.byPlatform.web)}. Frequency caps, quiet hours and
                  missing credentials may skip some at send time.
                </span>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">When</dt>
          <dd className="mt-0.5 text-slate-800">{describeSchedule(campaign.schedule)}</dd>
        </div>
        {duration && (
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">
              Estimated duration
            </dt>
            <dd className="mt-0.5 text-slate-800" data-testid="launch-duration">
              {duration.summary}
            </dd>
          </div>
        )}
      </dl>
      {devices !== null && devices >= largeSendDevices && (
        <Alert tone="warning">
          This is a large send: {formatCount(devices)} devices. Check the audience and send yourself
          a test push first if you have not.
        </Alert>
      )}
      {isEmptyNow && (
        <Alert tone="warning">
          No active device matches this audience, so there is no one to send to. Change the audience
          or wait for subscribers.
        </Alert>
      )}
      {campaign.category === "marketing" && (
        <p className="text-xs text-slate-500">
          Marketing pushes respect the app's frequency caps and quiet hours; skipped subscribers are
          counted with the reason.
        </p>
      )}
    </ConfirmDialog>
  );
}
