"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { InputField, SelectField } from "@/components/ui/field";
import { api } from "@/lib/api-client";
import type { Role } from "@/lib/db/generated/enums";
import type { InvitationDto } from "@/lib/members/invitations";
import { asApiError, FormError, useInvalidateApp } from "../api-state";
import { roleDescriptions, roleLabels } from "./roles";

type CreatedInvitation = InvitationDto & { link: string };

export function InviteMember({ appId, roles }: { appId: string; roles: Role[] }) {
  const invalidate = useInvalidateApp(appId);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>(
    roles.includes("marketer") ? "marketer" : (roles[0] ?? "analyst"),
  );
  const invite = useMutation({
    mutationFn: () =>
      api<CreatedInvitation>(`/api/v1/apps/${appId}/invitations`, { body: { email, role } }),
    onSuccess: async () => {
      setEmail("");
      await invalidate();
    },
  });
  const error = asApiError(invite.error);
  const created = invite.data;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    invite.mutate();
  }

  return (
    <Card>
      <CardHeader
        title="Invite a teammate"
        description="Herald does not send email: you get a link to pass on yourself."
      />
      <CardBody className="space-y-4">
        <form
          onSubmit={onSubmit}
          noValidate
          className="grid items-start gap-4 sm:grid-cols-[1fr_14rem_auto]"
        >
          <InputField
            label="Email"
            type="email"
            autoComplete="off"
            placeholder="teammate@example.com"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={error?.fieldError("email")}
            required
          />
          <SelectField
            label="Role"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
            hint={roleDescriptions[role]}
            error={error?.fieldError("role")}
          >
            {roles.map((option) => (
              <option key={option} value={option}>
                {roleLabels[option]}
              </option>
            ))}
          </SelectField>
          <div className="sm:pt-7">
            <Button type="submit" isLoading={invite.isPending} disabled={!email.trim()}>
              Create invitation
            </Button>
          </div>
        </form>
        <FormError error={error} />
        {created && (
          <div
            className="space-y-2 rounded-lg bg-emerald-50 p-4 ring-1 ring-emerald-200"
            data-testid="invitation-link"
          >
            <p className="text-sm font-medium text-emerald-900">
              Invitation for {created.email} as {roleLabels[created.role].toLowerCase()} created.
              Send them this link:
            </p>
            <div className="flex flex-wrap items-center gap-2">
              <code className="min-w-0 flex-1 break-all rounded-md bg-white px-3 py-2 font-mono text-xs text-slate-800 ring-1 ring-emerald-200">
                {created.link}
              </code>
              <CopyButton value={created.link} label="Copy link" />
            </div>
            <p className="text-xs text-emerald-800">
              It is shown only now, works once and expires in 7 days. Anyone with the link can join,
              so share it privately.
            </p>
          </div>
        )}
        {!created && !error && (
          <Alert tone="info">
            Email delivery is not part of Herald: copy the link it gives you into your own chat or
            email.
          </Alert>
        )}
      </CardBody>
    </Card>
  );
}
