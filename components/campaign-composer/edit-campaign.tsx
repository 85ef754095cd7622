"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type CampaignDto, campaignPath, useCampaign } from "@/components/campaigns/campaign-api";
import { statusLabels } from "@/components/campaigns/status-badge";
import { asApiError, QueryError } from "@/components/settings/api-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/skeleton";
import { api } from "@/lib/api-client";
import { CampaignComposer } from "./campaign-composer";

/** The composer over a saved draft; a campaign past draft is read-only, with a way forward. */
export function EditCampaign({
  appId,
  campaignId,
  appName,
  webOrigin,
  canLaunch,
}: {
  appId: string;
  campaignId: string;
  appName: string;
  webOrigin: string;
  canLaunch: boolean;
}) {
  const router = useRouter();
  const campaign = useCampaign(appId, campaignId);
  const duplicate = useMutation({
    mutationFn: () =>
      api<CampaignDto>(campaignPath(campaignId, "/duplicate"), { appId, method: "POST" }),
    onSuccess: (copy) => router.push(`/apps/${appId}/campaigns/${copy.id}/edit`),
  });
  if (campaign.isPending) {
    return (
      <Card>
        <LoadingRows rows={8} label="Loading the campaign…" />
      </Card>
    );
  }
  if (campaign.isError) {
    if (asApiError(campaign.error)?.status === 404) {
      return (
        <Card>
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
        </Card>
      );
    }
    return (
      <Card>
        <QueryError error={campaign.error} onRetry={() => campaign.refetch()} />
      </Card>
    );
  }
  if (campaign.data.status !== "draft") {
    return (
      <Card>
        <div className="space-y-4 px-6 py-8">
          <Alert tone="info">
            “{campaign.data.name}” is {statusLabels[campaign.data.status].toLowerCase()}: only
            drafts can be edited. Duplicate it to send a changed copy.
          </Alert>
          {duplicate.error && <Alert tone="error">{asApiError(duplicate.error)?.message}</Alert>}
          <div className="flex gap-2">
            <Button onClick={() => duplicate.mutate()} isLoading={duplicate.isPending}>
              Duplicate as a new draft
            </Button>
            <Link
              href={`/apps/${appId}/campaigns/${campaignId}`}
              className="inline-flex items-center rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
            >
              View the campaign
            </Link>
          </div>
        </div>
      </Card>
    );
  }
  return (
    <CampaignComposer
      appId={appId}
      appName={appName}
      webOrigin={webOrigin}
      initial={campaign.data}
      canLaunch={canLaunch}
    />
  );
}
