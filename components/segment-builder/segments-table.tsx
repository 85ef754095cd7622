"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { QueryError } from "@/components/settings/api-state";
import { formatDateTime, formatRelative } from "@/components/settings/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { api } from "@/lib/api-client";
import { type SegmentPage, segmentKeys } from "./segment-api";
import { useDebouncedValue } from "./use-debounced-value";

const pageSize = 25;

/** Every segment of the app, newest first, searchable by name, "load more" paging. */
export function SegmentsTable({ appId, canWrite }: { appId: string; canWrite: boolean }) {
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search.trim(), 250);
  const segments = useInfiniteQuery({
    queryKey: segmentKeys.list(appId, q),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(pageSize) });
      if (q) params.set("q", q);
      if (pageParam) params.set("cursor", pageParam);
      return api<SegmentPage>(`/api/v1/segments?${params}`, { appId });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = segments.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <div className="space-y-4">
      <div className="max-w-md">
        <label htmlFor="segment-search" className="sr-only">
          Search segments by name
        </label>
        <input
          id="segment-search"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="Search by name…"
          className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500"
        />
      </div>
      <Card>
        {segments.isPending ? (
          <LoadingRows rows={4} label="Loading segments…" />
        ) : segments.isError ? (
          <QueryError error={segments.error} onRetry={() => segments.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState
            title={q ? "No segment has that name" : "No segments yet"}
            description={
              q
                ? "Try another search."
                : "A segment is a saved audience: new subscribers in France, buyers who went quiet, VIPs on iOS. Campaigns send to it and its count stays live."
            }
            action={
              canWrite && !q ? (
                <Link
                  href={`/apps/${appId}/segments/new`}
                  className="inline-flex items-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
                >
                  Build your first segment
                </Link>
              ) : undefined
            }
          />
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Conditions</Th>
                <Th>Active campaigns</Th>
                <Th>Updated</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((segment) => (
                <tr key={segment.id} className="hover:bg-slate-50/70">
                  <Td>
                    <Link
                      href={`/apps/${appId}/segments/${segment.id}`}
                      className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                    >
                      {segment.name}
                    </Link>
                    {segment.description && (
                      <p className="mt-0.5 max-w-md truncate text-xs text-slate-500">
                        {segment.description}
                      </p>
                    )}
                  </Td>
                  <Td className="tabular-nums">
                    {segment.conditionCount === 0 ? (
                      <span className="text-slate-400">Everyone</span>
                    ) : (
                      segment.conditionCount
                    )}
                  </Td>
                  <Td>
                    {segment.activeCampaignCount > 0 ? (
                      <Badge tone="green">{segment.activeCampaignCount}</Badge>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap">
                    <time dateTime={segment.updatedAt} title={formatDateTime(segment.updatedAt)}>
                      {formatRelative(segment.updatedAt)}
                    </time>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      {segments.hasNextPage && (
        <Button
          variant="secondary"
          isLoading={segments.isFetchingNextPage}
          onClick={() => segments.fetchNextPage()}
        >
          Load more
        </Button>
      )}
    </div>
  );
}
