"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { asApiError } from "@/components/settings/api-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { api } from "@/lib/api-client";
import { type CampaignDto, campaignKeys, campaignPath } from "./campaign-api";
import { LaunchDialog } from "./launch-dialog";

type Transition = "pause" | "resume" | "cancel";

/** The buttons a campaign's status allows: launch, pause, resume, cancel, duplicate, delete. */
export function CampaignActions({
  appId,
  campaign,
  canWrite,
  canLaunch,
}: {
  appId: string;
  campaign: CampaignDto;
  canWrite: boolean;
  canLaunch: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<"launch" | "cancel" | "delete" | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: campaignKeys.all(appId) });
    // The history under the campaign is rendered on the server.
    router.refresh();
  };
  const transition = useMutation({
    mutationFn: (action: Transition) =>
      api<CampaignDto>(campaignPath(campaign.id, `/${action}`), { appId, method: "POST" }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(campaignKeys.detail(appId, campaign.id), updated);
      setDialog(null);
      await refresh();
    },
  });
  const duplicate = useMutation({
    mutationFn: () =>
      api<CampaignDto>(campaignPath(campaign.id, "/duplicate"), { appId, method: "POST" }),
    onSuccess: (copy) => router.push(`/apps/${appId}/campaigns/${copy.id}/edit`),
  });
  const remove = useMutation({
    mutationFn: () => api<void>(campaignPath(campaign.id), { appId, method: "DELETE" }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: campaignKeys.all(appId) });
      router.push(`/apps/${appId}/campaigns`);
    },
  });
  const status = campaign.status;
  const canCancel = ["draft", "scheduled", "sending", "paused"].includes(status);
  const isTriggered = campaign.category === "triggered";
  // A recurring campaign is a template: canceling it stops the runs, it sends nothing itself.
  const isRecurring = campaign.schedule.type === "recurring" && campaign.parentId === null;
  const error = transition.error ?? duplicate.error;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap justify-end gap-2">
        {status === "draft" && canWrite && (
          <Link
            href={`/apps/${appId}/campaigns/${campaign.id}/edit`}
            className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            Edit
          </Link>
        )}
        {canWrite && (
          <Button
            variant="secondary"
            onClick={() => duplicate.mutate()}
            isLoading={duplicate.isPending}
          >
            Duplicate
          </Button>
        )}
        {status === "draft" && canWrite && (
          <Button variant="ghost" onClick={() => setDialog("delete")}>
            Delete
          </Button>
        )}
        {canLaunch && canCancel && status !== "draft" && (
          <Button variant="ghost" onClick={() => setDialog("cancel")}>
            {isRecurring ? "Stop recurring…" : "Cancel campaign"}
          </Button>
        )}
        {canLaunch && (status === "sending" || status === "scheduled") && (
          <Button
            variant="secondary"
            onClick={() => transition.mutate("pause")}
            isLoading={transition.isPending && transition.variables === "pause"}
          >
            Pause
          </Button>
        )}
        {canLaunch && status === "paused" && (
          <Button
            onClick={() => transition.mutate("resume")}
            isLoading={transition.isPending && transition.variables === "resume"}
          >
            Resume
          </Button>
        )}
        {canLaunch && status === "draft" && (
          <Button onClick={() => setDialog("launch")}>
            {isTriggered ? "Activate…" : campaign.schedule.type === "now" ? "Send…" : "Schedule…"}
          </Button>
        )}
      </div>
      {error && !dialog && <Alert tone="error">{asApiError(error)?.message}</Alert>}
      <LaunchDialog
        appId={appId}
        campaign={campaign}
        open={dialog === "launch"}
        onClose={() => setDialog(null)}
        onLaunched={async () => {
          setDialog(null);
          await refresh();
        }}
      />
      <ConfirmDialog
        open={dialog === "cancel"}
        title={isRecurring ? `Stop “${campaign.name}” recurring?` : `Cancel “${campaign.name}”?`}
        description={
          isRecurring
            ? "No more runs will start. Runs already sent stay as they are, with their results. A stopped campaign cannot be restarted (duplicate it instead)."
            : isTriggered && status !== "draft"
              ? "It stops for good: nobody else gets it, and firings still waiting are not sent. Pushes already sent stay sent. A canceled campaign cannot be restarted (duplicate it instead)."
              : status === "sending" || status === "paused"
                ? "Pushes not sent yet are dropped; those already sent stay sent. A canceled campaign cannot be restarted (duplicate it instead)."
                : "It will not be sent. A canceled campaign cannot be restarted (duplicate it instead)."
        }
        confirmLabel={isRecurring ? "Stop recurring" : "Cancel campaign"}
        isLoading={transition.isPending}
        error={transition.error ? asApiError(transition.error)?.message : null}
        onConfirm={() => transition.mutate("cancel")}
        onClose={() => {
          transition.reset();
          setDialog(null);
        }}
      />
      <ConfirmDialog
        open={dialog === "delete"}
        title={`Delete “${campaign.name}”?`}
        description="The draft and its variants are deleted. This cannot be undone."
        confirmLabel="Delete draft"
        isLoading={remove.isPending}
        error={remove.error ? asApiError(remove.error)?.message : null}
        onConfirm={() => remove.mutate()}
        onClose={() => {
          remove.reset();
          setDialog(null);
        }}
      />
    </div>
  );
}
