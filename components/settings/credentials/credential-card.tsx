"use client";

import { useMutation } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { api } from "@/lib/api-client";
import type { CredentialDto } from "@/lib/credentials/credentials";
import { asApiError, useInvalidateApp } from "../api-state";
import { formatDateTime, formatRelative } from "../format";

const statusBadges: Record<CredentialDto["status"], ReactNode> = {
  ok: <Badge tone="green">Configured</Badge>,
  failing: <Badge tone="red">Failing</Badge>,
  missing: <Badge>Missing</Badge>,
};

function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

/** The frame every platform card shares: status, failure reason, last update, remove. */
export function CredentialCard({
  appId,
  credential,
  title,
  description,
  canManage,
  removeWarning,
  actions,
  children,
}: {
  appId: string;
  credential: CredentialDto;
  title: string;
  description: ReactNode;
  canManage: boolean;
  removeWarning: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const invalidate = useInvalidateApp(appId);
  const [isConfirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () =>
      api<void>(`/api/v1/apps/${appId}/credentials/${credential.platform}`, { method: "DELETE" }),
    onSuccess: async () => {
      setConfirming(false);
      await invalidate();
    },
  });

  return (
    <div data-testid={`credential-${credential.platform}`}>
      <Card>
        <CardHeader
          title={title}
          description={description}
          actions={statusBadges[credential.status]}
        />
        <CardBody className="space-y-4">
          {credential.status === "failing" && (
            <Alert tone="error">
              <strong className="font-semibold">Sending failed with this credential.</strong>{" "}
              {sentence(credential.failureReason ?? "The push service refused it")} Upload a
              corrected one to resume.
            </Alert>
          )}
          {children}
          {(credential.configured || actions) && (
            <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4">
              {credential.updatedAt && (
                <p className="mr-auto text-xs text-slate-500">
                  Last updated{" "}
                  <time
                    dateTime={credential.updatedAt}
                    title={formatDateTime(credential.updatedAt)}
                  >
                    {formatRelative(credential.updatedAt)}
                  </time>
                </p>
              )}
              {canManage && actions}
              {canManage && credential.configured && (
                <Button variant="ghost" size="sm" onClick={() => setConfirming(true)}>
                  Remove<span className="sr-only"> {title}</span>
                </Button>
              )}
            </div>
          )}
        </CardBody>
      </Card>
      <ConfirmDialog
        open={isConfirming}
        title={`Remove the ${title} credential?`}
        description={<p>{removeWarning}</p>}
        confirmLabel="Remove credential"
        isLoading={remove.isPending}
        error={asApiError(remove.error)?.message}
        onConfirm={() => remove.mutate()}
        onClose={() => {
          setConfirming(false);
          remove.reset();
        }}
      />
    </div>
  );
}

export function Details({ children }: { children: ReactNode }) {
  return <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">{children}</dl>;
}

export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 truncate text-slate-900">{children}</dd>
    </div>
  );
}

/** A mutation that PUTs one platform's credential and refreshes the page's data. */
export function useSaveCredential(
  appId: string,
  platform: CredentialDto["platform"],
  onSaved: () => void,
) {
  const invalidate = useInvalidateApp(appId);
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<CredentialDto>(`/api/v1/apps/${appId}/credentials/${platform}`, { method: "PUT", body }),
    onSuccess: async () => {
      onSaved();
      await invalidate();
    },
  });
}
