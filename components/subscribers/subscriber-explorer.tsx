"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useDebouncedValue } from "@/components/campaign-composer/use-debounced-value";
import { useLocation } from "@/components/navigation/use-location";
import { QueryError } from "@/components/settings/api-state";
import { formatDateTime, formatRelative } from "@/components/settings/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { api } from "@/lib/api-client";
import type { Page } from "@/lib/http/pagination";
import type { SubscriberListItemDto } from "@/lib/subscribers/schemas";
import { countryName, platformLabels, subscriberName } from "./display";
import { PlatformIcon } from "./platform-icon";

const PAGE_SIZE = 50;
const visibleTags = 3;

/** What the box holds, as the API's filter: `key=value` is an attribute, anything else an id prefix. */
function searchParameters(search: string): Record<string, string> {
  const trimmed = search.trim();
  if (!trimmed) return {};
  return /^[A-Za-z_][A-Za-z0-9_.-]{0,63}=/.test(trimmed) ? { attribute: trimmed } : { q: trimmed };
}

export function SubscriberExplorer({ appId }: { appId: string }) {
  const router = useRouter();
  const { pathname, searchParams } = useLocation();
  const [search, setSearch] = useState(() => searchParams.get("search") ?? "");
  const settled = useDebouncedValue(search, 300);
  const inputId = useId();

  // The search lives in the URL, so a filtered list can be bookmarked and shared.
  useEffect(() => {
    const next = new URLSearchParams(searchParams);
    if (settled.trim()) next.set("search", settled.trim());
    else next.delete("search");
    if (next.toString() !== searchParams.toString()) {
      router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
    }
  }, [settled, pathname, router, searchParams]);

  const filters = searchParameters(settled);
  const query = useInfiniteQuery({
    queryKey: ["apps", appId, "subscribers", filters],
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE), ...filters });
      if (pageParam) params.set("cursor", pageParam);
      return api<Page<SubscriberListItemDto>>(`/api/v1/subscribers?${params}`, { appId });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });

  const subscribers = query.data?.pages.flatMap((page) => page.data) ?? [];
  const isFiltered = Object.keys(filters).length > 0;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <div className="relative min-w-72 flex-1">
          <label htmlFor={inputId} className="sr-only">
            Search subscribers
          </label>
          <svg
            aria-hidden="true"
            viewBox="0 0 20 20"
            fill="currentColor"
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400"
          >
            <path
              fillRule="evenodd"
              d="M9 3.5a5.5 5.5 0 1 0 3.39 9.83l3.64 3.64a.75.75 0 1 0 1.06-1.06l-3.64-3.64A5.5 5.5 0 0 0 9 3.5ZM5 9a4 4 0 1 1 8 0 4 4 0 0 1-8 0Z"
              clipRule="evenodd"
            />
          </svg>
          <input
            id={inputId}
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder="External id, or an attribute: plan=pro"
            spellCheck={false}
            autoComplete="off"
            className="block w-full rounded-md border-0 bg-white py-2 pr-3 pl-9 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500"
          />
        </div>
        <p className="text-xs text-slate-500" aria-live="polite">
          {query.isFetching && !query.isFetchingNextPage
            ? "Searching…"
            : isFiltered
              ? `${subscribers.length}${query.hasNextPage ? "+" : ""} matching`
              : null}
        </p>
      </div>

      <Card>
        {query.isPending ? (
          <LoadingRows rows={8} label="Loading subscribers…" />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => query.refetch()} />
        ) : subscribers.length === 0 ? (
          isFiltered ? (
            <EmptyState
              title="No subscriber matches"
              description={
                filters.attribute
                  ? `Nobody has ${filters.attribute}. Values match exactly; numbers and true/false match typed values too.`
                  : `No external id starts with “${filters.q}”. Ids are case-sensitive.`
              }
              action={
                <Button variant="secondary" size="sm" onClick={() => setSearch("")}>
                  Clear search
                </Button>
              }
            />
          ) : (
            <EmptyState
              title="No subscribers yet"
              description={
                <>
                  They appear when your servers call <code>PUT /api/v1/subscribers/…</code>,
                  register devices, track events, or when a browser subscribes through the web SDK.
                </>
              }
            />
          )
        ) : (
          <>
            <Table>
              <thead>
                <tr>
                  <Th>Subscriber</Th>
                  <Th>Devices</Th>
                  <Th>Tags</Th>
                  <Th>Locale</Th>
                  <Th>Last seen</Th>
                  <Th>First seen</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {subscribers.map((subscriber) => (
                  <SubscriberRow key={subscriber.id} appId={appId} subscriber={subscriber} />
                ))}
              </tbody>
            </Table>
            {query.hasNextPage && (
              <div className="flex justify-center border-t border-slate-100 px-5 py-3">
                <Button
                  variant="secondary"
                  size="sm"
                  isLoading={query.isFetchingNextPage}
                  onClick={() => query.fetchNextPage()}
                >
                  Load more
                </Button>
              </div>
            )}
          </>
        )}
      </Card>
    </div>
  );
}

function SubscriberRow({
  appId,
  subscriber,
}: {
  appId: string;
  subscriber: SubscriberListItemDto;
}) {
  const href = `/apps/${appId}/subscribers/${subscriber.id}`;
  const extraTags = subscriber.tags.length - visibleTags;
  return (
    <tr className="group hover:bg-slate-50/80">
      <Td className="max-w-72">
        <Link
          href={href}
          className="block truncate font-medium text-slate-900 group-hover:text-brand-700 focus-visible:text-brand-700"
        >
          {subscriber.externalId ? (
            <span className="font-mono text-[13px]">{subscriber.externalId}</span>
          ) : (
            <span className="text-slate-500 italic">{subscriberName(subscriber)}</span>
          )}
        </Link>
      </Td>
      <Td className="whitespace-nowrap">
        {subscriber.deviceCount === 0 ? (
          <span className="text-slate-400">None</span>
        ) : (
          <span className="inline-flex items-center gap-2">
            <span className="inline-flex items-center gap-1 text-slate-500">
              {subscriber.platforms.map((platform) => (
                <PlatformIcon key={platform} platform={platform} />
              ))}
            </span>
            <span
              title={`${subscriber.activeDeviceCount} of ${subscriber.deviceCount} active (${subscriber.platforms.map((platform) => platformLabels[platform]).join(", ")})`}
            >
              {subscriber.activeDeviceCount}
              <span className="text-slate-400">/{subscriber.deviceCount} active</span>
            </span>
          </span>
        )}
      </Td>
      <Td>
        <div className="flex flex-wrap gap-1">
          {subscriber.tags.slice(0, visibleTags).map((tag) => (
            <Badge key={tag}>{tag}</Badge>
          ))}
          {extraTags > 0 && (
            <span className="text-xs text-slate-500" title={subscriber.tags.join(", ")}>
              +{extraTags}
            </span>
          )}
        </div>
      </Td>
      <Td className="whitespace-nowrap text-slate-600">
        {subscriber.country || subscriber.locale ? (
          <span title={countryName(subscriber.country) ?? undefined}>
            {[subscriber.locale, subscriber.country].filter(Boolean).join(" · ")}
          </span>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </Td>
      <Td className="whitespace-nowrap">
        <time dateTime={subscriber.lastSeenAt} title={formatDateTime(subscriber.lastSeenAt)}>
          {formatRelative(subscriber.lastSeenAt)}
        </time>
      </Td>
      <Td className="whitespace-nowrap text-slate-500">
        <time dateTime={subscriber.firstSeenAt} title={formatDateTime(subscriber.firstSeenAt)}>
          {formatRelative(subscriber.firstSeenAt)}
        </time>
      </Td>
    </tr>
  );
}
