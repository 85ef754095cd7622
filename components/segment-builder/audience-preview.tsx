"use client";

import Link from "next/link";
import { asApiError } from "@/components/settings/api-state";
import { formatRelative } from "@/components/settings/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import type { SegmentPreviewDto } from "@/lib/segments/preview-segment";

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

const platformRows = [
  { key: "web", label: "Web", color: "bg-sky-500" },
  { key: "ios", label: "iOS", color: "bg-slate-700" },
  { key: "android", label: "Android", color: "bg-emerald-500" },
] as const;

function PlatformSplit({ preview }: { preview: SegmentPreviewDto }) {
  return (
    <dl className="space-y-2.5" data-testid="audience-platforms">
      {platformRows.map((platform) => {
        const devices = preview.byPlatform[platform.key];
        const share = preview.devices ? devices / preview.devices : 0;
        return (
          <div key={platform.key}>
            <div className="flex items-baseline justify-between text-sm">
              <dt className="text-slate-600">{platform.label}</dt>
              <dd className="font-medium tabular-nums text-slate-900">
                {integer.format(devices)}
                <span className="ml-1.5 text-xs font-normal text-slate-400">
                  {Math.round(share * 100)}%
                </span>
              </dd>
            </div>
            <div
              className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100"
              aria-hidden="true"
            >
              <div
                className={cn("h-full rounded-full transition-all", platform.color)}
                style={{ width: `${share * 100}%` }}
              />
            </div>
          </div>
        );
      })}
    </dl>
  );
}

function Sample({ appId, preview }: { appId: string; preview: SegmentPreviewDto }) {
  if (!preview.sample.length) return null;
  return (
    <div className="border-t border-slate-100 pt-4">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        A few of them
      </h3>
      <ul className="mt-2 divide-y divide-slate-100" data-testid="audience-sample">
        {preview.sample.map((subscriber) => (
          <li key={subscriber.id} className="flex items-center justify-between gap-3 py-2 text-sm">
            <div className="min-w-0">
              <Link
                href={`/apps/${appId}/subscribers/${subscriber.id}`}
                className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
              >
                {subscriber.externalId ?? `Anonymous #${subscriber.id}`}
              </Link>
              <p className="text-xs text-slate-500">
                {[subscriber.country, subscriber.locale].filter(Boolean).join(" · ") || "No locale"}{" "}
                · seen {formatRelative(subscriber.lastSeenAt)}
              </p>
            </div>
            <span className="flex shrink-0 gap-1">
              {subscriber.platforms.map((platform) => (
                <span
                  key={platform}
                  className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600"
                >
                  {platformRows.find((row) => row.key === platform)?.label}
                </span>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The live audience: subscribers who match and can get a push, their devices
 * by platform, and a few of them. Announced politely as it changes.
 */
export function AudiencePreview({
  appId,
  preview,
  isFetching,
  error,
  incompleteCount,
}: {
  appId: string;
  preview: SegmentPreviewDto | undefined;
  isFetching: boolean;
  error: unknown;
  /** Conditions still missing something: no count until they are complete. */
  incompleteCount: number;
}) {
  const problem = error ? asApiError(error) : null;
  return (
    <Card className="overflow-hidden">
      <CardHeader
        title="Audience"
        description="Who matches now and can receive a push."
        actions={
          isFetching ? (
            <span
              className="size-4 animate-spin rounded-full border-2 border-brand-500 border-r-transparent"
              role="status"
              aria-label="Counting…"
            />
          ) : undefined
        }
      />
      <CardBody className="space-y-5">
        <div aria-live="polite" aria-atomic="true">
          {incompleteCount > 0 ? (
            <p className="text-sm text-amber-800">
              Complete the{" "}
              {incompleteCount === 1
                ? "highlighted condition"
                : `${incompleteCount} highlighted conditions`}{" "}
              to see who matches.
            </p>
          ) : problem ? (
            <p className="text-sm text-red-700">{problem.message}</p>
          ) : !preview ? (
            <Skeleton className="h-14 w-40" />
          ) : (
            <div className={cn("transition-opacity", isFetching && "opacity-60")}>
              <p
                className="text-4xl font-semibold tracking-tight text-slate-900 tabular-nums"
                data-testid="audience-count"
              >
                {integer.format(preview.count)}
              </p>
              <p className="mt-0.5 text-sm text-slate-500">
                {preview.count === 1 ? "subscriber" : "subscribers"} on{" "}
                {integer.format(preview.devices)} {preview.devices === 1 ? "device" : "devices"}
              </p>
            </div>
          )}
        </div>
        {preview && incompleteCount === 0 && !problem && (
          <>
            <PlatformSplit preview={preview} />
            <Sample appId={appId} preview={preview} />
            <p className="text-xs text-slate-400">Counted in {integer.format(preview.tookMs)} ms</p>
          </>
        )}
      </CardBody>
    </Card>
  );
}
