"use client";

import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { FileField } from "@/components/ui/file-field";
import type { CredentialDto } from "@/lib/credentials/credentials";
import { asApiError, FormError } from "../api-state";
import { CredentialCard, Detail, Details, useSaveCredential } from "./credential-card";

/** What the file claims to be, for the confirmation line before upload (the server validates). */
function describeServiceAccount(text: string): string | null {
  try {
    const parsed = JSON.parse(text) as { project_id?: unknown; client_email?: unknown };
    return typeof parsed.project_id === "string" ? `project ${parsed.project_id}` : null;
  } catch {
    return null;
  }
}

export function AndroidCredentialCard({
  appId,
  credential,
  canManage,
}: {
  appId: string;
  credential: CredentialDto;
  canManage: boolean;
}) {
  const [isEditing, setEditing] = useState(false);
  const [file, setFile] = useState<{ text: string; name: string } | null>(null);
  const save = useSaveCredential(appId, "android", () => {
    setEditing(false);
    setFile(null);
  });
  const error = asApiError(save.error);
  const showForm = canManage && (isEditing || !credential.configured);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (file) save.mutate({ serviceAccountJson: file.text });
  }

  const described = file && describeServiceAccount(file.text);
  return (
    <CredentialCard
      appId={appId}
      credential={credential}
      title="Android (FCM)"
      description="Firebase Cloud Messaging HTTP v1, with a service-account key."
      canManage={canManage}
      removeWarning="Android pushes stop at once, until you upload a service account again."
      actions={
        credential.configured &&
        !isEditing && (
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
            Replace file
          </Button>
        )
      }
    >
      {credential.configured && (
        <Details>
          <Detail label="Firebase project">
            <code className="font-mono">{String(credential.details.projectId)}</code>
          </Detail>
          <Detail label="Service account">{String(credential.details.clientEmail)}</Detail>
        </Details>
      )}
      {!credential.configured && !canManage && (
        <p className="text-sm text-slate-600">
          No service account yet: Android pushes cannot be sent.
        </p>
      )}
      {showForm && (
        <form
          onSubmit={onSubmit}
          noValidate
          className="space-y-4 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200"
        >
          <FileField
            label="Service account key (JSON)"
            accept=".json,application/json"
            hint={
              file
                ? `Loaded ${file.name}${described ? ` (${described})` : ""}. Its private key is stored encrypted and never shown again.`
                : "Firebase console → Project settings → Service accounts → Generate new private key."
            }
            error={error?.fieldError("serviceAccountJson")}
            onText={(text, name) => setFile({ text, name })}
          />
          <FormError error={error} />
          <div className="flex gap-2">
            <Button type="submit" isLoading={save.isPending} disabled={!file}>
              Save service account
            </Button>
            {credential.configured && (
              <Button variant="secondary" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            )}
          </div>
        </form>
      )}
    </CredentialCard>
  );
}
