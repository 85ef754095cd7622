"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useLocation } from "@/components/navigation/use-location";
import { QueryError } from "@/components/settings/api-state";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/field";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Th } from "@/components/ui/table";
import { Tabs } from "@/components/ui/tabs";
import { api } from "@/lib/api-client";
import type { CampaignKeyNumbers } from "@/lib/campaigns/list-campaign-key-numbers";
import {
  type CampaignDto,
  type CampaignListFilters,
  type CampaignStatus,
  campaignKeys,
} from "./campaign-api";
import { CampaignListRow } from "./campaign-list-row";
import { categoryLabels, statusLabels } from "./status-badge";

const pageSize = 25;
const statusTabs: ("all" | CampaignStatus)[] = [
  "all",
  "draft",
  "scheduled",
  "sending",
  "paused",
  "completed",
  "canceled",
  "failed",
];

function filtersFrom(search: URLSearchParams): CampaignListFilters {
  const status = search.get("status");
  const category = search.get("category");
  return {
    status: status && status in statusLabels ? (status as CampaignStatus) : null,
    category: category && category in categoryLabels ? (category as CampaignDto["category"]) : null,
    q: search.get("q") ?? "",
  };
}

/**
 * Every campaign of the app: a tab per status, search by name, category,
 * newest first with "load more" paging. The filters live in the address, so
 * Back and a shared link keep them.
 */
export function CampaignList({ appId, canWrite }: { appId: string; canWrite: boolean }) {
  const router = useRouter();
  const { pathname, searchParams } = useLocation();
  const filters = filtersFrom(new URLSearchParams(searchParams.toString()));
  const [search, setSearch] = useState(filters.q);

  function setFilters(patch: Partial<CampaignListFilters>) {
    const next = { ...filters, ...patch };
    const params = new URLSearchParams();
    if (next.status) params.set("status", next.status);
    if (next.category) params.set("category", next.category);
    if (next.q) params.set("q", next.q);
    const query = params.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }

  // Search as you type, without a request per keystroke.
  useEffect(() => {
    if (search.trim() === filters.q) return;
    const timer = setTimeout(() => setFilters({ q: search.trim() }), 300);
    return () => clearTimeout(timer);
  });

  const campaigns = useInfiniteQuery({
    queryKey: campaignKeys.list(appId, filters),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(pageSize) });
      if (filters.status) params.set("status", filters.status);
      if (filters.category) params.set("category", filters.category);
      if (filters.q) params.set("q", filters.q);
      if (pageParam) params.set("cursor", pageParam);
      return api<{ data: CampaignDto[]; nextCursor: string | null }>(
        `/api/v1/campaigns?${params}`,
        { appId },
      );
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // A list with something sending stays fresh on its own.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) =>
        page.data.some((campaign) => campaign.status === "sending"),
      )
        ? 5_000
        : false,
  });
  const rows = campaigns.data?.pages.flatMap((page) => page.data) ?? [];
  const launchedIds = rows.filter((campaign) => campaign.launchedAt).map((campaign) => campaign.id);
  const numbers = useQuery({
    queryKey: [...campaignKeys.all(appId), "key-numbers", launchedIds],
    queryFn: () =>
      api<{ data: CampaignKeyNumbers[] }>(
        `/api/v1/campaigns/key-numbers?ids=${launchedIds.join(",")}`,
        { appId },
      ),
    enabled: launchedIds.length > 0,
    placeholderData: (previous) => previous,
    refetchInterval: rows.some((campaign) => campaign.status === "sending") ? 5_000 : false,
  });
  const numbersById = new Map(numbers.data?.data.map((entry) => [entry.campaignId, entry]));
  const isFiltered = Boolean(filters.status || filters.category || filters.q);

  return (
    <div className="space-y-4">
      <Tabs
        label="Campaign status"
        idPrefix="campaign-status"
        value={filters.status ?? "all"}
        onChange={(status) => setFilters({ status: status === "all" ? null : status })}
        items={statusTabs.map((status) => ({
          id: status,
          label: status === "all" ? "All" : statusLabels[status],
        }))}
      />
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="campaign-search" className="sr-only">
            Search campaigns by name
          </label>
          <input
            id="campaign-search"
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder="Search by name…"
            className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500"
          />
        </div>
        <div className="w-48">
          <SelectField
            label="Category"
            value={filters.category ?? ""}
            onChange={(event) =>
              setFilters({
                category: (event.target.value || null) as CampaignListFilters["category"],
              })
            }
          >
            <option value="">All categories</option>
            {Object.entries(categoryLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      <Card>
        {campaigns.isPending ? (
          <LoadingRows rows={6} label="Loading campaigns…" />
        ) : campaigns.isError ? (
          <QueryError error={campaigns.error} onRetry={() => campaigns.refetch()} />
        ) : rows.length === 0 ? (
          isFiltered ? (
            <EmptyState
              title="No campaigns match"
              description="Try another status, category or search."
              action={
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => {
                    setSearch("");
                    setFilters({ status: null, category: null, q: "" });
                  }}
                >
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyState
              title="No campaigns yet"
              description="Compose a push, pick who gets it and when, preview it on each platform, and send."
              action={
                canWrite ? (
                  <Link
                    href={`/apps/${appId}/campaigns/new`}
                    className="inline-flex rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
                  >
                    Create your first campaign
                  </Link>
                ) : undefined
              }
            />
          )
        ) : (
          <>
            <Table>
              <thead>
                <tr>
                  <Th>Campaign</Th>
                  <Th>Status</Th>
                  <Th className="text-right">Audience</Th>
                  <Th className="text-right">Sent</Th>
                  <Th className="text-right">Open rate</Th>
                  <Th>When</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((campaign) => (
                  <CampaignListRow
                    key={campaign.id}
                    appId={appId}
                    campaign={campaign}
                    numbers={numbers.data ? (numbersById.get(campaign.id) ?? null) : undefined}
                    canWrite={canWrite}
                  />
                ))}
              </tbody>
            </Table>
            <div className="flex items-center justify-between border-t border-slate-100 px-5 py-3 text-sm text-slate-500">
              <span>
                {rows.length} campaign{rows.length === 1 ? "" : "s"}
                {campaigns.hasNextPage ? " shown" : ""}
              </span>
              {campaigns.hasNextPage && (
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() => campaigns.fetchNextPage()}
                  isLoading={campaigns.isFetchingNextPage}
                >
                  Load more
                </Button>
              )}
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
