"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { InputField } from "@/components/ui/field";
import { api } from "@/lib/api-client";
import type { ApiKeyDto } from "@/lib/api-keys/api-keys";
import { type ApiKeyScope, apiKeyScopeDescriptions, apiKeyScopes } from "@/lib/auth/permissions";
import { asApiError, FormError, useInvalidateApp } from "../api-state";
import { NewKeyReveal } from "./new-key-reveal";

export function CreateApiKey({
  appId,
  grantable,
}: {
  appId: string;
  /** The scopes the signed-in member's role may put on a key. */
  grantable: readonly ApiKeyScope[];
}) {
  const invalidate = useInvalidateApp(appId);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["ingest"]);
  const create = useMutation({
    mutationFn: () =>
      api<{ apiKey: ApiKeyDto; key: string }>(`/api/v1/apps/${appId}/api-keys`, {
        body: { name, scopes },
      }),
    onSuccess: async () => {
      setName("");
      await invalidate();
    },
  });
  const error = asApiError(create.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate();
  }

  function toggle(scope: ApiKeyScope, isOn: boolean) {
    setScopes((current) =>
      isOn
        ? apiKeyScopes.filter((entry) => entry === scope || current.includes(entry))
        : current.filter((entry) => entry !== scope),
    );
  }

  return (
    <Card>
      <CardHeader
        title="Create an API key"
        description="Keys let your servers call Herald. Give each key only the scopes it needs."
      />
      <CardBody className="space-y-5">
        {create.data && (
          <NewKeyReveal
            apiKey={create.data.apiKey}
            secret={create.data.key}
            onDone={() => create.reset()}
          />
        )}
        <form onSubmit={onSubmit} noValidate className="space-y-5">
          <div className="max-w-md">
            <InputField
              label="Name"
              placeholder="Checkout backend"
              value={name}
              onChange={(event) => setName(event.target.value)}
              hint="Where the key will be used, so you know what breaks if you revoke it."
              error={error?.fieldError("name")}
              maxLength={80}
              required
            />
          </div>
          <fieldset className="space-y-3">
            <legend className="text-sm font-medium text-slate-800">Scopes</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              {apiKeyScopes.map((scope) => (
                <Checkbox
                  key={scope}
                  name="scopes"
                  value={scope}
                  checked={scopes.includes(scope)}
                  disabled={!grantable.includes(scope)}
                  onChange={(event) => toggle(scope, event.target.checked)}
                  label={<code className="font-mono">{scope}</code>}
                  description={
                    grantable.includes(scope)
                      ? apiKeyScopeDescriptions[scope]
                      : `${apiKeyScopeDescriptions[scope]} (an owner or admin creates these keys)`
                  }
                  className="rounded-lg p-3 ring-1 ring-slate-200"
                />
              ))}
            </div>
            {error?.fieldError("scopes") && (
              <p role="alert" className="text-xs font-medium text-red-600">
                Scopes: {error.fieldError("scopes")}
              </p>
            )}
          </fieldset>
          <FormError error={error} />
          <Button
            type="submit"
            isLoading={create.isPending}
            disabled={!name.trim() || scopes.length === 0}
          >
            Create key
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
