"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { asApiError } from "@/components/settings/api-state";
import { formatDateTime, formatRelative } from "@/components/settings/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Td } from "@/components/ui/table";
import { api } from "@/lib/api-client";
import type { CampaignKeyNumbers } from "@/lib/campaigns/list-campaign-key-numbers";
import { type CampaignDto, campaignKeys, campaignPath } from "./campaign-api";
import { formatCount, formatPercent } from "./format";
import { CampaignStatusBadge, categoryLabels } from "./status-badge";

/** When, in the words that matter for the status: scheduled for, sent, or last edited. */
function whenOf(campaign: CampaignDto): { label: string; at: string } {
  if (campaign.status === "scheduled" && campaign.scheduledAt)
    return { label: "Starts", at: campaign.scheduledAt };
  if (campaign.completedAt) return { label: "Finished", at: campaign.completedAt };
  if (campaign.canceledAt) return { label: "Canceled", at: campaign.canceledAt };
  if (campaign.launchedAt) return { label: "Launched", at: campaign.launchedAt };
  return { label: "Edited", at: campaign.updatedAt };
}

export function CampaignListRow({
  appId,
  campaign,
  numbers,
  canWrite,
}: {
  appId: string;
  campaign: CampaignDto;
  /** Undefined while the page's numbers load; null when the campaign has none yet. */
  numbers: CampaignKeyNumbers | null | undefined;
  canWrite: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [isDeleting, setDeleting] = useState(false);
  const href = `/apps/${appId}/campaigns/${campaign.id}${campaign.status === "draft" ? "/edit" : ""}`;
  const duplicate = useMutation({
    mutationFn: () =>
      api<CampaignDto>(campaignPath(campaign.id, "/duplicate"), { appId, method: "POST" }),
    onSuccess: (copy) => router.push(`/apps/${appId}/campaigns/${copy.id}/edit`),
  });
  const remove = useMutation({
    mutationFn: () => api<void>(campaignPath(campaign.id), { appId, method: "DELETE" }),
    onSuccess: async () => {
      setDeleting(false);
      await queryClient.invalidateQueries({ queryKey: campaignKeys.all(appId) });
    },
  });
  const when = whenOf(campaign);
  const isFuture = new Date(when.at).getTime() > Date.now();
  return (
    <tr className="hover:bg-slate-50/60">
      <Td className="max-w-80">
        <Link
          href={href}
          className="block truncate font-medium text-slate-900 hover:text-brand-700"
        >
          {campaign.name}
        </Link>
        <div className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
          <span>{categoryLabels[campaign.category]}</span>
          {campaign.variants.length > 1 && (
            <Badge tone="blue">A/B · {campaign.variants.length}</Badge>
          )}
          {campaign.source === "api" && <Badge>API</Badge>}
          {campaign.parentId && <Badge>Recurring run</Badge>}
        </div>
      </Td>
      <Td>
        <CampaignStatusBadge status={campaign.status} category={campaign.category} />
      </Td>
      <Td className="text-right tabular-nums">{formatCount(campaign.audienceSize)}</Td>
      <Td className="text-right tabular-nums">
        {campaign.launchedAt ? formatCount(numbers?.sent ?? 0) : "—"}
      </Td>
      <Td className="text-right tabular-nums">{formatPercent(numbers?.openRate)}</Td>
      <Td className="whitespace-nowrap text-xs text-slate-500">
        {when.label}{" "}
        <time dateTime={when.at} title={formatDateTime(when.at)}>
          {isFuture ? formatDateTime(when.at) : formatRelative(when.at)}
        </time>
      </Td>
      <Td className="whitespace-nowrap text-right">
        <div className="flex justify-end gap-1">
          <Link
            href={href}
            className="rounded-md px-2.5 py-1.5 text-xs font-medium text-slate-700 hover:bg-slate-100"
            aria-label={`${campaign.status === "draft" ? "Edit" : "View"} ${campaign.name}`}
          >
            {campaign.status === "draft" ? "Edit" : "View"}
          </Link>
          {canWrite && (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => duplicate.mutate()}
              isLoading={duplicate.isPending}
              aria-label={`Duplicate ${campaign.name}`}
            >
              Duplicate
            </Button>
          )}
          {canWrite && campaign.status === "draft" && (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => setDeleting(true)}
              aria-label={`Delete ${campaign.name}`}
            >
              Delete
            </Button>
          )}
        </div>
        {duplicate.error && (
          <p role="alert" className="mt-1 text-xs text-red-600">
            {asApiError(duplicate.error)?.message}
          </p>
        )}
        <ConfirmDialog
          open={isDeleting}
          title={`Delete “${campaign.name}”?`}
          description="The draft and its variants are deleted. This cannot be undone."
          confirmLabel="Delete draft"
          isLoading={remove.isPending}
          error={remove.error ? asApiError(remove.error)?.message : null}
          onConfirm={() => remove.mutate()}
          onClose={() => {
            remove.reset();
            setDeleting(false);
          }}
        />
      </Td>
    </tr>
  );
}
