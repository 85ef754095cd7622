"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { api } from "@/lib/api-client";
import { assignableRoles, can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/db/generated/enums";
import type { MemberDto } from "@/lib/members/members";
import { asApiError, QueryError, settingsKeys, useInvalidateApp } from "../api-state";
import { formatDate } from "../format";
import { roleLabels } from "./roles";

type Pending = { kind: "remove"; member: MemberDto } | { kind: "leave"; member: MemberDto };

export function MembersTable({
  appId,
  appName,
  role,
  userId,
}: {
  appId: string;
  appName: string;
  role: Role;
  userId: string;
}) {
  const router = useRouter();
  const invalidate = useInvalidateApp(appId);
  const [pending, setPending] = useState<Pending | null>(null);
  const grantable = assignableRoles(role);
  const canManage = can(role, "members:manage");
  // Only owners touch owners; nobody edits their own role here (ask another manager).
  const isManageable = (member: MemberDto) =>
    canManage && member.userId !== userId && (member.role !== "owner" || role === "owner");

  const query = useQuery({
    queryKey: settingsKeys.members(appId),
    queryFn: () => api<{ data: MemberDto[] }>(`/api/v1/apps/${appId}/members`),
  });
  const changeRole = useMutation({
    mutationFn: ({ memberId, next }: { memberId: string; next: Role }) =>
      api<MemberDto>(`/api/v1/apps/${appId}/members/${memberId}`, {
        method: "PATCH",
        body: { role: next },
      }),
    onSettled: () => invalidate(),
  });
  const remove = useMutation({
    mutationFn: (member: MemberDto) =>
      api<void>(`/api/v1/apps/${appId}/members/${member.id}`, { method: "DELETE" }),
    onSuccess: async (_, member) => {
      setPending(null);
      if (member.userId === userId) {
        router.push("/apps");
        router.refresh();
        return;
      }
      await invalidate();
    },
  });

  const members = query.data?.data ?? [];
  const ownerCount = members.filter((member) => member.role === "owner").length;
  return (
    <Card>
      <CardHeader
        title="Members"
        description={
          query.data
            ? `${members.length} ${members.length === 1 ? "person has" : "people have"} access to ${appName}.`
            : `People with access to ${appName}.`
        }
      />
      {changeRole.error && (
        <div className="px-5 pt-4">
          <Alert tone="error">{asApiError(changeRole.error)?.message}</Alert>
        </div>
      )}
      {query.isPending ? (
        <LoadingRows rows={3} label="Loading members…" />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>Role</Th>
              <Th>Joined</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((member) => {
              const isSelf = member.userId === userId;
              return (
                <tr key={member.id}>
                  <Td className="font-medium text-slate-900">
                    {member.name} {isSelf && <Badge tone="blue">You</Badge>}
                  </Td>
                  <Td>{member.email}</Td>
                  <Td>
                    {isManageable(member) ? (
                      <select
                        aria-label={`Role of ${member.name}`}
                        value={member.role}
                        disabled={changeRole.isPending}
                        onChange={(event) =>
                          changeRole.mutate({
                            memberId: member.id,
                            next: event.target.value as Role,
                          })
                        }
                        className="rounded-md border-0 bg-white py-1 pr-8 pl-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
                      >
                        {[...new Set([member.role, ...grantable])].map((option) => (
                          <option
                            key={option}
                            value={option}
                            disabled={!grantable.includes(option)}
                          >
                            {roleLabels[option]}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <Badge tone={member.role === "owner" ? "blue" : "gray"}>
                        {roleLabels[member.role]}
                      </Badge>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap">{formatDate(member.joinedAt)}</Td>
                  <Td className="text-right whitespace-nowrap">
                    {isSelf && member.role === "owner" && ownerCount === 1 ? (
                      <span
                        className="text-xs text-slate-400"
                        title="Make another member an owner before leaving"
                      >
                        Sole owner
                      </span>
                    ) : isSelf ? (
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => setPending({ kind: "leave", member })}
                      >
                        Leave app
                      </Button>
                    ) : (
                      isManageable(member) && (
                        <Button
                          variant="ghost"
                          size="sm"
                          onClick={() => setPending({ kind: "remove", member })}
                        >
                          Remove<span className="sr-only"> {member.name}</span>
                        </Button>
                      )
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === "leave" ? `Leave ${appName}?` : `Remove ${pending?.member.name ?? ""}?`
        }
        description={
          pending?.kind === "leave" ? (
            <p>You lose access at once. To come back, someone has to invite you again.</p>
          ) : (
            <p>
              {pending?.member.email} loses access to {appName} at once. Their past actions stay in
              the audit log.
            </p>
          )
        }
        confirmLabel={pending?.kind === "leave" ? "Leave app" : "Remove member"}
        isLoading={remove.isPending}
        error={asApiError(remove.error)?.message}
        onConfirm={() => pending && remove.mutate(pending.member)}
        onClose={() => {
          setPending(null);
          remove.reset();
        }}
      />
    </Card>
  );
}
