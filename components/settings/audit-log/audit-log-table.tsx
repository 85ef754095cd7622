"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { api } from "@/lib/api-client";
import type { AuditEntryDto } from "@/lib/audit/list-audit-log";
import { QueryError, settingsKeys } from "../api-state";
import { formatDateTime, formatRelative } from "../format";
import { actionLabel, summarizeMetadata, targetLabel } from "./describe-entry";

type Page = { data: AuditEntryDto[]; nextCursor: string | null };

const PAGE_SIZE = 50;

export function AuditLogTable({ appId }: { appId: string }) {
  const query = useInfiniteQuery({
    queryKey: settingsKeys.auditLog(appId),
    queryFn: ({ pageParam }) => {
      const search = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (pageParam) search.set("cursor", pageParam);
      return api<Page>(`/api/v1/apps/${appId}/audit-log?${search}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

  if (query.isPending) {
    return (
      <Card>
        <LoadingRows rows={6} label="Loading the audit log…" />
      </Card>
    );
  }
  if (query.isError) {
    return (
      <Card>
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </Card>
    );
  }
  const entries = query.data.pages.flatMap((page) => page.data);
  if (entries.length === 0) {
    return (
      <Card>
        <EmptyState
          title="Nothing recorded yet"
          description="Changes to settings, members, keys and credentials appear here."
        />
      </Card>
    );
  }
  return (
    <Card>
      <Table>
        <thead>
          <tr>
            <Th>When</Th>
            <Th>Actor</Th>
            <Th>Action</Th>
            <Th>Target</Th>
            <Th>Details</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((entry) => (
            <tr key={entry.id}>
              <Td className="whitespace-nowrap">
                <time dateTime={entry.createdAt} title={formatDateTime(entry.createdAt)}>
                  {formatRelative(entry.createdAt)}
                </time>
              </Td>
              <Td className="max-w-72 truncate whitespace-nowrap" title={entry.actor}>
                {entry.actor}
              </Td>
              <Td className="whitespace-nowrap">
                <p className="font-medium text-slate-900">{actionLabel(entry.action)}</p>
                <p className="font-mono text-xs text-slate-400">{entry.action}</p>
              </Td>
              <Td className="whitespace-nowrap">
                {entry.targetType && (
                  <>
                    <span className="text-slate-500">{targetLabel(entry.targetType)}</span>{" "}
                    {entry.targetName ? (
                      <span
                        className="inline-block max-w-56 truncate align-bottom font-medium text-slate-900"
                        title={`${entry.targetName} (${entry.targetId ?? ""})`}
                      >
                        {entry.targetName}
                      </span>
                    ) : (
                      <code className="font-mono text-xs" title={entry.targetId ?? undefined}>
                        {entry.targetId && entry.targetId.length > 12
                          ? `${entry.targetId.slice(0, 10)}…`
                          : entry.targetId}
                      </code>
                    )}
                  </>
                )}
              </Td>
              <Td className="text-xs text-slate-500">{summarizeMetadata(entry.metadata)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <div className="flex items-center justify-between border-t border-slate-100 px-5 py-3 text-sm text-slate-500">
        <span>
          {entries.length} {entries.length === 1 ? "entry" : "entries"}
          {query.hasNextPage ? " shown" : ", the whole history"}
        </span>
        {query.hasNextPage && (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => query.fetchNextPage()}
            isLoading={query.isFetchingNextPage}
          >
            Load more
          </Button>
        )}
      </div>
    </Card>
  );
}
