"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { asApiError } from "@/components/settings/api-state";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { api } from "@/lib/api-client";
import type { SegmentDto } from "@/lib/segments/segment-dto";
import { segmentKeys } from "./segment-api";

/**
 * Deletes after a confirmation. A segment that an unfinished campaign or
 * another segment uses cannot go: the dialog says which, and the server
 * refuses it anyway (409) if that changed meanwhile.
 */
export function DeleteSegmentButton({ appId, segment }: { appId: string; segment: SegmentDto }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [isOpen, setOpen] = useState(false);
  const blockers = [
    ...segment.usedBy.campaigns
      .filter((campaign) => !campaign.isFinished)
      .map((campaign) => campaign.name),
    ...segment.usedBy.segments.map((other) => other.name),
  ];
  const remove = useMutation({
    mutationFn: () => api<void>(`/api/v1/segments/${segment.id}`, { appId, method: "DELETE" }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: segmentKeys.all(appId) });
      router.push(`/apps/${appId}/segments`);
    },
  });
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Delete
      </Button>
      <ConfirmDialog
        open={isOpen}
        title={`Delete “${segment.name}”?`}
        description={
          blockers.length ? (
            <p>
              It is in use by {blockers.map((name) => `“${name}”`).join(", ")}. Remove it there (or
              let those campaigns finish) before deleting it.
            </p>
          ) : (
            <p>Campaigns that already sent to it keep their results. This cannot be undone.</p>
          )
        }
        confirmLabel="Delete segment"
        confirmDisabled={blockers.length > 0}
        isLoading={remove.isPending}
        error={asApiError(remove.error)?.message}
        onConfirm={() => remove.mutate()}
        onClose={() => {
          setOpen(false);
          remove.reset();
        }}
      />
    </>
  );
}
