"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { api } from "@/lib/api-client";
import type { InvitationDto } from "@/lib/members/invitations";
import { asApiError, QueryError, settingsKeys, useInvalidateApp } from "../api-state";
import { formatDateTime, formatRelative } from "../format";
import { roleLabels } from "./roles";

export function PendingInvitations({ appId }: { appId: string }) {
  const invalidate = useInvalidateApp(appId);
  const [revoking, setRevoking] = useState<InvitationDto | null>(null);
  const query = useQuery({
    queryKey: settingsKeys.invitations(appId),
    queryFn: () => api<{ data: InvitationDto[] }>(`/api/v1/apps/${appId}/invitations`),
  });
  const revoke = useMutation({
    mutationFn: (id: string) =>
      api<void>(`/api/v1/apps/${appId}/invitations/${id}`, { method: "DELETE" }),
    onSuccess: async () => {
      setRevoking(null);
      await invalidate();
    },
  });

  return (
    <Card>
      <CardHeader title="Pending invitations" description="Links that have not been used yet." />
      {query.isPending ? (
        <LoadingRows rows={2} label="Loading invitations…" />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.data.length === 0 ? (
        <EmptyState
          title="No pending invitations"
          description="Invitations you create appear here until they are used."
        />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Email</Th>
              <Th>Role</Th>
              <Th>Expires</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {query.data.data.map((invitation) => (
              <tr key={invitation.id}>
                <Td className="font-medium text-slate-900">{invitation.email}</Td>
                <Td>
                  <Badge>{roleLabels[invitation.role]}</Badge>
                </Td>
                <Td>
                  <time
                    dateTime={invitation.expiresAt}
                    title={formatDateTime(invitation.expiresAt)}
                  >
                    {formatRelative(invitation.expiresAt)}
                  </time>
                </Td>
                <Td className="text-right">
                  <Button variant="ghost" size="sm" onClick={() => setRevoking(invitation)}>
                    Revoke<span className="sr-only"> invitation for {invitation.email}</span>
                  </Button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this invitation?"
        description={revoking && <p>The link sent to {revoking.email} stops working at once.</p>}
        confirmLabel="Revoke invitation"
        isLoading={revoke.isPending}
        error={asApiError(revoke.error)?.message}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
      />
    </Card>
  );
}
