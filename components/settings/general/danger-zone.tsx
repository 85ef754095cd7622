"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InputField } from "@/components/ui/field";
import { api } from "@/lib/api-client";
import { asApiError } from "../api-state";

export function DangerZone({ appId, appName }: { appId: string; appName: string }) {
  const router = useRouter();
  const [isOpen, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const remove = useMutation({
    mutationFn: () =>
      api<void>(`/api/v1/apps/${appId}`, { method: "DELETE", body: { confirmName: typed } }),
    onSuccess: () => {
      router.push("/apps");
      router.refresh();
    },
  });
  const error = asApiError(remove.error);

  return (
    <Card className="ring-red-200">
      <CardBody className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h2 className="text-base font-semibold text-red-700">Delete this app</h2>
          <p className="mt-0.5 text-sm text-slate-600">
            Removes its subscribers, devices, campaigns, keys, credentials and history. This cannot
            be undone.
          </p>
        </div>
        <Button variant="danger" onClick={() => setOpen(true)}>
          Delete app…
        </Button>
      </CardBody>
      <ConfirmDialog
        open={isOpen}
        title={`Delete ${appName}?`}
        description={
          <p>
            Every subscriber, campaign and API key of this app is deleted at once. Pushes in flight
            stop.
          </p>
        }
        confirmLabel="Delete this app"
        isLoading={remove.isPending}
        confirmDisabled={typed !== appName}
        error={error && !error.fieldError("confirmName") ? error.message : null}
        onConfirm={() => remove.mutate()}
        onClose={() => {
          setOpen(false);
          setTyped("");
          remove.reset();
        }}
      >
        <InputField
          label={`Type ${appName} to confirm`}
          value={typed}
          autoComplete="off"
          onChange={(event) => setTyped(event.target.value)}
          error={error?.fieldError("confirmName")}
        />
      </ConfirmDialog>
    </Card>
  );
}
