"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { asApiError } from "@/components/settings/api-state";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InputField } from "@/components/ui/field";
import { api } from "@/lib/api-client";

/** GDPR: download everything held about the subscriber, or erase them for good. */
export function ProfileActions({
  appId,
  externalId,
  canErase,
}: {
  appId: string;
  externalId: string;
  canErase: boolean;
}) {
  const router = useRouter();
  const [isConfirming, setIsConfirming] = useState(false);
  const [typed, setTyped] = useState("");
  const path = `/api/v1/subscribers/${encodeURIComponent(externalId)}`;
  const erase = useMutation({
    mutationFn: () => api(path, { method: "DELETE", appId }),
    onSuccess: () => {
      router.push(`/apps/${appId}/subscribers`);
      router.refresh();
    },
  });
  return (
    <>
      <a
        href={`${path}/export?appId=${encodeURIComponent(appId)}`}
        download={`subscriber-${externalId}.json`}
        className="inline-flex items-center justify-center gap-2 rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
      >
        Export data
      </a>
      {canErase && (
        <Button variant="danger" onClick={() => setIsConfirming(true)}>
          Erase…
        </Button>
      )}
      <ConfirmDialog
        open={isConfirming}
        title={`Erase ${externalId}?`}
        description={
          <p>
            Their profile, devices, events and topic choices are deleted, and past pushes lose any
            link to them (campaign statistics stay as they are). This cannot be undone.
          </p>
        }
        confirmLabel="Erase subscriber"
        confirmDisabled={typed !== externalId}
        isLoading={erase.isPending}
        error={asApiError(erase.error)?.message}
        onConfirm={() => erase.mutate()}
        onClose={() => {
          setIsConfirming(false);
          setTyped("");
          erase.reset();
        }}
      >
        <InputField
          label="Type the external id to confirm"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </ConfirmDialog>
    </>
  );
}
