"use client";

import { type FormEvent, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { FileField } from "@/components/ui/file-field";
import { Switch } from "@/components/ui/switch";
import type { CredentialDto } from "@/lib/credentials/credentials";
import { asApiError, FormError } from "../api-state";
import { CredentialCard, Detail, Details, useSaveCredential } from "./credential-card";

const emptyForm = {
  keyId: "",
  teamId: "",
  bundleId: "",
  privateKey: "",
  fileName: "",
  production: true,
};

export function IosCredentialCard({
  appId,
  credential,
  canManage,
}: {
  appId: string;
  credential: CredentialDto;
  canManage: boolean;
}) {
  const [isEditing, setEditing] = useState(false);
  const [form, setForm] = useState(emptyForm);
  const save = useSaveCredential(appId, "ios", () => {
    setEditing(false);
    setForm(emptyForm);
  });
  const error = asApiError(save.error);
  const showForm = canManage && (isEditing || !credential.configured);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { fileName: _, ...body } = form;
    save.mutate(body);
  }

  return (
    <CredentialCard
      appId={appId}
      credential={credential}
      title="iOS (APNs)"
      description="Token-based authentication with a .p8 key from Apple Developer → Keys."
      canManage={canManage}
      removeWarning="iOS pushes stop at once, until you upload a key again."
      actions={
        credential.configured &&
        !isEditing && (
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
            Replace key
          </Button>
        )
      }
    >
      {credential.configured && (
        <Details>
          <Detail label="Key ID">
            <code className="font-mono">{String(credential.details.keyId)}</code>
          </Detail>
          <Detail label="Team ID">
            <code className="font-mono">{String(credential.details.teamId)}</code>
          </Detail>
          <Detail label="Bundle ID">{String(credential.details.bundleId)}</Detail>
          <Detail label="Environment">
            {credential.details.production ? (
              <Badge tone="green">Production</Badge>
            ) : (
              <Badge tone="yellow">Sandbox</Badge>
            )}
          </Detail>
        </Details>
      )}
      {!credential.configured && !canManage && (
        <p className="text-sm text-slate-600">No APNs key yet: iOS pushes cannot be sent.</p>
      )}
      {showForm && (
        <form
          onSubmit={onSubmit}
          noValidate
          className="space-y-4 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200"
        >
          <FileField
            label="APNs auth key (.p8)"
            accept=".p8,application/pkcs8,text/plain"
            hint={
              form.fileName
                ? `Loaded ${form.fileName}. It is stored encrypted and never shown again.`
                : "The file Apple lets you download once, named AuthKey_XXXXXXXXXX.p8."
            }
            error={error?.fieldError("privateKey")}
            onText={(privateKey, fileName) => {
              // Apple names the file after the key id: fill it in when the box is empty.
              const keyId = /AuthKey_([A-Z0-9]{10})\.p8$/.exec(fileName)?.[1];
              setForm((current) => ({
                ...current,
                privateKey,
                fileName,
                keyId: current.keyId || keyId || "",
              }));
            }}
          />
          <div className="grid gap-4 sm:grid-cols-3">
            <InputField
              label="Key ID"
              value={form.keyId}
              placeholder="ABC123DEFG"
              onChange={(event) => setForm({ ...form, keyId: event.target.value.toUpperCase() })}
              error={error?.fieldError("keyId")}
              className="font-mono"
              autoComplete="off"
            />
            <InputField
              label="Team ID"
              value={form.teamId}
              placeholder="DEF123GHIJ"
              onChange={(event) => setForm({ ...form, teamId: event.target.value.toUpperCase() })}
              error={error?.fieldError("teamId")}
              className="font-mono"
              autoComplete="off"
            />
            <InputField
              label="Bundle ID"
              value={form.bundleId}
              placeholder="com.example.shop"
              onChange={(event) => setForm({ ...form, bundleId: event.target.value })}
              error={error?.fieldError("bundleId")}
              autoComplete="off"
            />
          </div>
          <Switch
            label="Production"
            description={
              form.production
                ? "Apps from the App Store and TestFlight."
                : "Sandbox: development builds run from Xcode."
            }
            checked={form.production}
            onChange={(production) => setForm({ ...form, production })}
          />
          <FormError error={error} />
          <div className="flex gap-2">
            <Button type="submit" isLoading={save.isPending} disabled={!form.privateKey}>
              Save APNs key
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
