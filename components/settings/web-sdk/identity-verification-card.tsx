"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { Switch } from "@/components/ui/switch";
import { api } from "@/lib/api-client";
import type { AppDto } from "@/lib/apps/app-dto";
import { asApiError, exactFieldError, FormError, settingsKeys } from "../api-state";
import { CodeBlock } from "./code-block";
import { identityHashSnippet, verifiedLoginSnippet } from "./snippets";

/**
 * Identity verification: without it, any visitor who knows the app's public
 * id can log a browser in as any external id and receive that user's pushes.
 */
export function IdentityVerificationCard({ app, canEdit }: { app: AppDto; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const { required, hasSecret } = app.identityVerification;
  const [secret, setSecret] = useState<string | null>(null);
  const [isConfirmingReplace, setIsConfirmingReplace] = useState(false);

  const createSecret = useMutation({
    mutationFn: () =>
      api<{ secret: string }>(`/api/v1/apps/${app.id}/identity-secret`, { method: "POST" }),
    onSuccess: ({ secret: created }) => {
      setSecret(created);
      setIsConfirmingReplace(false);
      queryClient.setQueryData<AppDto>(settingsKeys.app(app.id), (current) =>
        current
          ? {
              ...current,
              identityVerification: { ...current.identityVerification, hasSecret: true },
            }
          : current,
      );
    },
  });
  const setRequired = useMutation({
    mutationFn: (requireIdentityVerification: boolean) =>
      api<AppDto>(`/api/v1/apps/${app.id}`, {
        method: "PATCH",
        body: { requireIdentityVerification },
      }),
    onSuccess: (updated) => queryClient.setQueryData(settingsKeys.app(app.id), updated),
  });
  const requiredError = asApiError(setRequired.error);
  const createError = asApiError(createSecret.error);

  return (
    <Card>
      <CardHeader
        title="Identity verification"
        description="Only your server can say who a visitor is: with verification required, the SDK logs a browser in as a user only with a hash your server computed for that user."
      />
      <CardBody className="space-y-5">
        <ol className="list-decimal space-y-4 pl-5 text-sm text-slate-700">
          <li className="space-y-2">
            <p>
              {hasSecret
                ? "The app has an identity secret. Replacing it makes every hash made with the old one fail at once."
                : "Create the secret your server signs user ids with."}
            </p>
            {secret ? (
              <OneTimeSecret
                heading="Copy the identity secret now"
                secret={secret}
                copyLabel="Copy secret"
                testId="new-identity-secret"
                onDone={() => setSecret(null)}
              >
                This is the only time it is shown. Store it with your server's secrets (never in a
                page): whoever holds it can sign in as any of your users.
              </OneTimeSecret>
            ) : (
              canEdit && (
                <Button
                  variant="secondary"
                  size="sm"
                  isLoading={createSecret.isPending && !isConfirmingReplace}
                  onClick={() => (hasSecret ? setIsConfirmingReplace(true) : createSecret.mutate())}
                >
                  {hasSecret ? "Replace the secret" : "Create the secret"}
                </Button>
              )
            )}
            {!isConfirmingReplace && <FormError error={createError} />}
          </li>
          <li className="space-y-2">
            <p>On your server, hash the signed-in user's id and hand the hash to the page.</p>
            <CodeBlock code={identityHashSnippet} label="Server (Node.js)" />
          </li>
          <li className="space-y-2">
            <p>Pass the hash with the login.</p>
            <CodeBlock code={verifiedLoginSnippet} label="Verified sign-in" />
          </li>
        </ol>
        <div className="space-y-1 border-t border-slate-100 pt-4">
          <Switch
            checked={required}
            disabled={!canEdit || setRequired.isPending}
            onChange={(checked) => setRequired.mutate(checked)}
            label="Require verified identities"
            description={
              required
                ? "On: a login or subscription naming a user without the right hash is refused."
                : "Off: the SDK may name any user id. Turn on once your pages send the hash."
            }
          />
          {exactFieldError(requiredError, "requireIdentityVerification") && (
            <p className="text-sm text-red-600" role="alert">
              {exactFieldError(requiredError, "requireIdentityVerification")}
            </p>
          )}
          <FormError error={requiredError} />
        </div>
      </CardBody>
      <ConfirmDialog
        open={isConfirmingReplace}
        title="Replace the identity secret?"
        description="Hashes your server makes with the current secret stop working at once. Give your server the new secret right after."
        confirmLabel="Replace the secret"
        isLoading={createSecret.isPending}
        error={createError?.message ?? null}
        onConfirm={() => createSecret.mutate()}
        onClose={() => setIsConfirmingReplace(false)}
      />
    </Card>
  );
}
