"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { asApiError } from "@/components/settings/api-state";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { api } from "@/lib/api-client";
import type { Audience } from "@/lib/campaigns/audience";
import {
  type Experiment,
  PAST_SEND_GRACE_MS,
  type Schedule,
  type Trigger,
} from "@/lib/campaigns/schemas";
import { campaignKeys, campaignPath, useAudienceEstimate } from "./campaign-api";
import { describeSchedule } from "./describe-schedule";
import { describeTrigger } from "./describe-trigger";
import { estimateSendDuration } from "./estimate-duration";
import { formatCount } from "./format";
import { UnknownExternalIdsAlert } from "./unknown-external-ids-alert";

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
  /** Set for a triggered campaign: it is activated, not sent. */
  trigger: Trigger | null;
}

interface LaunchResult {
  id: string;
  status: string;
  scheduledAt: string | null;
}

/** A fixed time gone by more than the grace: launching refuses it, so the dialog does not offer it. */
function hasPassed(schedule: Schedule): boolean {
  return (
    schedule.type === "at" && Date.now() - new Date(schedule.sendAt).getTime() > PAST_SEND_GRACE_MS
  );
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
 * A triggered campaign is activated instead: it sends to people as they trigger it.
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
  const trigger = campaign.trigger;
  const isPast = !trigger && hasPassed(campaign.schedule);
  const isScheduling = !trigger && (isPast || isLaterStart(campaign.schedule));
  const devices = estimate.data?.devices ?? null;
  const duration =
    devices === null || trigger
      ? null
      : estimateSendDuration({
          devices,
          throttlePerMinute: campaign.throttlePerMinute,
          schedule: campaign.schedule,
          experiment: campaign.experiment,
        });
  // Nobody matching yet is no reason to hold back a trigger: people who subscribe later qualify too.
  const isEmptyNow = devices === 0 && !isScheduling && !trigger;
  return (
    <ConfirmDialog
      open={open}
      title={
        trigger
          ? `Activate “${campaign.name}”?`
          : isScheduling
            ? `Schedule “${campaign.name}”?`
            : `Send “${campaign.name}” now?`
      }
      description={
        trigger
          ? "Nothing goes out at once: from now on it sends to each person as they trigger it, and stays active until you pause or cancel it."
          : isScheduling
            ? "It will start by itself at the scheduled time. You can pause or cancel it until then."
            : "Sending starts as soon as you confirm. You can pause or cancel it while it sends, but pushes already sent cannot be recalled."
      }
      confirmLabel={trigger ? "Activate" : isScheduling ? "Schedule campaign" : "Send now"}
      tone="primary"
      isLoading={launch.isPending}
      confirmDisabled={estimate.isPending || isEmptyNow || isPast}
      error={launch.error ? asApiError(launch.error)?.message : null}
      onConfirm={() => launch.mutate()}
      onClose={() => {
        launch.reset();
        onClose();
      }}
    >
      <dl className="space-y-3 rounded-lg bg-slate-50 px-4 py-3 text-sm ring-1 ring-inset ring-slate-200">
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">
            {trigger ? "Who can get it" : "Audience"}
          </dt>
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
                  {formatCount(estimate.data?.byPlatform.web)}
                  {trigger
                    ? " match the audience today; only those who trigger it get it."
                    : ". Frequency caps, quiet hours and missing credentials may skip some at send time."}
                </span>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">When</dt>
          <dd className="mt-0.5 text-slate-800" data-testid="launch-when">
            {trigger ? `${describeTrigger(trigger)}.` : describeSchedule(campaign.schedule)}
          </dd>
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
      {trigger && devices === 0 && (
        <Alert tone="info">
          No active device matches the audience yet. It can still be activated: people who subscribe
          later get it when they trigger it.
        </Alert>
      )}
      {!trigger && devices !== null && devices >= largeSendDevices && (
        <Alert tone="warning">
          This is a large send: {formatCount(devices)} devices. Check the audience and send yourself
          a test push first if you have not.
        </Alert>
      )}
      {isPast && (
        <Alert tone="warning">
          The scheduled time has passed. Edit the campaign and pick a later time, or choose Now to
          send right away.
        </Alert>
      )}
      <UnknownExternalIdsAlert externalIds={estimate.data?.unknownExternalIds} />
      {isEmptyNow && (
        <Alert tone="warning">
          No active device matches this audience, so there is no one to send to. Change the audience
          or wait for subscribers.
        </Alert>
      )}
      {trigger && (
        <p className="text-xs text-slate-500">
          Like marketing pushes, triggered ones respect the app's frequency caps, quiet hours and
          topic preferences. While it is paused, events do not trigger it.
        </p>
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
