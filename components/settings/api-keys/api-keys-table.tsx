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
import type { ApiKeyDto } from "@/lib/api-keys/api-keys";
import { asApiError, QueryError, settingsKeys, useInvalidateApp } from "../api-state";
import { formatDate, formatDateTime, formatRelative } from "../format";

export function useApiKeys(appId: string) {
  return useQuery({
    queryKey: settingsKeys.apiKeys(appId),
    queryFn: () => api<{ data: ApiKeyDto[] }>(`/api/v1/apps/${appId}/api-keys`),
  });
}

export function ApiKeysTable({ appId, canManage }: { appId: string; canManage: boolean }) {
  const invalidate = useInvalidateApp(appId);
  const query = useApiKeys(appId);
  const [revoking, setRevoking] = useState<ApiKeyDto | null>(null);
  const revoke = useMutation({
    mutationFn: (key: ApiKeyDto) =>
      api<ApiKeyDto>(`/api/v1/apps/${appId}/api-keys/${key.id}`, { method: "DELETE" }),
    onSuccess: async () => {
      setRevoking(null);
      await invalidate();
    },
  });

  return (
    <Card>
      <CardHeader
        title="Keys"
        description="Only the first characters of each key are kept for you to recognise it."
      />
      {query.isPending ? (
        <LoadingRows rows={3} label="Loading API keys…" />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.data.length === 0 ? (
        <EmptyState
          title="No API keys yet"
          description={
            canManage
              ? "Create one above to register devices and send pushes from your servers."
              : "A developer or admin can create one."
          }
        />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Key</Th>
              <Th>Scopes</Th>
              <Th>Created</Th>
              <Th>Last used</Th>
              <Th className="text-right">
                <span className="sr-only">Status and actions</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {query.data.data.map((key) => (
              <tr
                key={key.id}
                className={key.revokedAt ? "bg-slate-50/70 text-slate-400" : undefined}
              >
                <Td className={key.revokedAt ? "text-slate-500" : "font-medium text-slate-900"}>
                  {key.name}
                </Td>
                <Td>
                  <code className="font-mono text-xs">{key.prefix}…</code>
                </Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {key.scopes.map((scope) => (
                      <Badge key={scope} tone={scope === "admin" ? "yellow" : "blue"}>
                        {scope}
                      </Badge>
                    ))}
                  </div>
                </Td>
                <Td className="whitespace-nowrap">{formatDate(key.createdAt)}</Td>
                <Td className="whitespace-nowrap">
                  {key.lastUsedAt ? (
                    <time dateTime={key.lastUsedAt} title={formatDateTime(key.lastUsedAt)}>
                      {formatRelative(key.lastUsedAt)}
                    </time>
                  ) : (
                    <span className="text-slate-400">Never</span>
                  )}
                </Td>
                <Td className="text-right whitespace-nowrap">
                  {key.revokedAt ? (
                    <span title={formatDateTime(key.revokedAt)}>
                      <Badge tone="red">Revoked {formatDate(key.revokedAt)}</Badge>
                    </span>
                  ) : (
                    canManage && (
                      <Button variant="ghost" size="sm" onClick={() => setRevoking(key)}>
                        Revoke<span className="sr-only"> {key.name}</span>
                      </Button>
                    )
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        description={
          <p>
            Requests with <code className="font-mono">{revoking?.prefix}…</code> fail with 401 from
            now on. This cannot be undone.
          </p>
        }
        confirmLabel="Revoke key"
        isLoading={revoke.isPending}
        error={asApiError(revoke.error)?.message}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
      />
    </Card>
  );
}
