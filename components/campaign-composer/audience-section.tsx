"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import {
  campaignKeys,
  type SegmentSummary,
  useAudienceEstimate,
  useSegments,
  useTopics,
} from "@/components/campaigns/campaign-api";
import { formatCount } from "@/components/campaigns/format";
import { UnknownExternalIdsAlert } from "@/components/campaigns/unknown-external-ids-alert";
import { asApiError } from "@/components/settings/api-state";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { SelectField, TextareaField } from "@/components/ui/field";
import { RadioCards } from "@/components/ui/radio-cards";
import { Skeleton } from "@/components/ui/skeleton";
import { api } from "@/lib/api-client";
import { audienceSchema } from "@/lib/campaigns/audience";
import { type AudienceDraft, audienceOf, splitExternalIds } from "./campaign-draft";
import { type PlatformKey, platformKeys, platformNames } from "./content-draft";
import { useDebouncedValue } from "./use-debounced-value";

interface SegmentPreview {
  count: number;
  subscribers?: number;
  devices?: number;
  byPlatform?: Partial<Record<PlatformKey, number>>;
}

function Reach({
  label,
  isPending,
  note,
  error,
  devices,
  people,
  byPlatform,
}: {
  label: string;
  isPending: boolean;
  /** Why there is no number yet, in neutral words. */
  note?: string | null;
  error: string | null;
  devices: number | null;
  people: number | null;
  byPlatform: Partial<Record<PlatformKey, number>> | null;
}) {
  return (
    <div
      className="rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-inset ring-slate-200"
      aria-live="polite"
      data-testid="audience-reach"
    >
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      {isPending ? (
        <Skeleton className="mt-1 h-6 w-48" />
      ) : note ? (
        <p className="mt-1 text-sm text-slate-500">{note}</p>
      ) : error ? (
        <p className="mt-1 text-sm text-red-700">{error}</p>
      ) : (
        <>
          <p className="mt-0.5 text-sm text-slate-700">
            <span className="text-lg font-semibold tabular-nums text-slate-900">
              {formatCount(devices)}
            </span>{" "}
            {people === null ? "subscribers" : `devices · ${formatCount(people)} people`}
          </p>
          {devices === 0 && (
            <p className="text-xs font-medium text-amber-700">
              No subscribed device matches yet: nobody would receive it.
            </p>
          )}
          {byPlatform && devices !== 0 && (
            <p className="text-xs text-slate-500">
              {platformKeys
                .map(
                  (platform) =>
                    `${platformNames[platform]} ${formatCount(byPlatform[platform] ?? 0)}`,
                )
                .join(" · ")}
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** A saved segment's live count comes from the segment preview; our own estimate stands in if that fails. */
function useSegmentCount(appId: string, segment: SegmentSummary | undefined) {
  return useQuery({
    queryKey: campaignKeys.segmentCount(appId, segment?.id ?? ""),
    queryFn: () =>
      api<SegmentPreview>("/api/v1/segments/preview", {
        appId,
        body:
          segment?.definition !== undefined
            ? { definition: segment.definition }
            : { segmentId: segment?.id },
      }),
    enabled: Boolean(segment),
    retry: false,
    staleTime: 30_000,
  });
}

export function AudienceSection({
  appId,
  audience,
  topicId,
  onChange,
  errorFor,
}: {
  appId: string;
  audience: AudienceDraft;
  topicId: string;
  onChange: (patch: { audience?: AudienceDraft; topicId?: string }) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const segments = useSegments(appId);
  const topics = useTopics(appId);
  const setAudience = (patch: Partial<AudienceDraft>) =>
    onChange({ audience: { ...audience, ...patch } });
  const request = useDebouncedValue(
    { audience: audienceOf(audience), topicId: topicId || null },
    400,
  );
  const isRequestValid = audienceSchema.safeParse(request.audience).success;
  const estimate = useAudienceEstimate(appId, isRequestValid ? request : null);
  const segment = segments.data?.data.find((entry) => entry.id === audience.segmentId);
  // The segment preview counts the segment as saved; with a topic or fewer platforms, our estimate applies them.
  const segmentCount = useSegmentCount(
    appId,
    audience.type === "segment" && !topicId && audience.platforms.length === 3
      ? segment
      : undefined,
  );
  const externalIdCount = splitExternalIds(audience.externalIds).length;
  const isApiOnly = audience.type === "devices" || audience.type === "filter";

  const useSegmentPreview = audience.type === "segment" && segmentCount.isSuccess;
  return (
    <Card>
      <CardHeader title="Audience" description="Who receives this campaign." />
      <CardBody className="space-y-5">
        {isApiOnly ? (
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-inset ring-slate-200">
            This campaign was created through the API with{" "}
            {audience.type === "devices" ? "a list of device ids" : "an inline filter"}. You can
            narrow its platforms and topic here.
          </p>
        ) : (
          <RadioCards
            legend="Send to"
            name="audience-type"
            value={audience.type}
            onChange={(type) => setAudience({ type })}
            options={[
              {
                value: "all",
                label: "Everyone",
                description: "Every subscribed device of this app.",
              },
              {
                value: "segment",
                label: "A saved segment",
                description: "People matching a segment, counted live.",
              },
              {
                value: "subscribers",
                label: "Specific subscribers",
                description: "By external id, one per line.",
              },
              {
                value: "test_devices",
                label: "Test devices",
                description: "Only devices marked as test devices.",
              },
            ]}
            error={errorFor("audience.type")}
          />
        )}
        {audience.type === "segment" && (
          <div className="space-y-2">
            <SelectField
              label="Segment"
              value={audience.segmentId}
              onChange={(event) => setAudience({ segmentId: event.target.value })}
              error={errorFor("audience.segmentId")}
              disabled={segments.isPending}
              hint={
                segments.isError
                  ? `Segments could not be loaded: ${asApiError(segments.error)?.message}`
                  : segments.data?.data.length === 0
                    ? "No saved segments yet."
                    : undefined
              }
            >
              <option value="">
                {segments.isPending ? "Loading segments…" : "Choose a segment"}
              </option>
              {segments.data?.data.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {entry.name}
                </option>
              ))}
            </SelectField>
            <Link
              href={`/apps/${appId}/segments`}
              className="text-xs font-medium text-brand-600 hover:underline"
            >
              Build a new segment →
            </Link>
          </div>
        )}
        {audience.type === "subscribers" && (
          <div className="space-y-2">
            <TextareaField
              label="External ids"
              rows={4}
              value={audience.externalIds}
              onChange={(event) => setAudience({ externalIds: event.target.value })}
              placeholder={"user-1842\nuser-2201"}
              hint={`${formatCount(externalIdCount)} external id${externalIdCount === 1 ? "" : "s"} (up to 10,000). Separate with new lines, commas or spaces.`}
              error={errorFor("audience.externalIds")}
            />
            {isRequestValid && (
              <UnknownExternalIdsAlert externalIds={estimate.data?.unknownExternalIds} />
            )}
          </div>
        )}
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Platforms</legend>
          <div className="flex flex-wrap gap-5">
            {platformKeys.map((platform) => (
              <Checkbox
                key={platform}
                label={platformNames[platform]}
                checked={audience.platforms.includes(platform)}
                onChange={(event) =>
                  setAudience({
                    platforms: event.target.checked
                      ? platformKeys.filter(
                          (key) => key === platform || audience.platforms.includes(key),
                        )
                      : audience.platforms.filter((key) => key !== platform),
                  })
                }
              />
            ))}
          </div>
          {(errorFor("audience.platforms") || audience.platforms.length === 0) && (
            <p role="alert" className="text-xs font-medium text-red-600">
              {audience.platforms.length === 0
                ? "Choose at least one platform."
                : errorFor("audience.platforms")}
            </p>
          )}
        </fieldset>
        <SelectField
          label="Topic"
          value={topicId}
          onChange={(event) => onChange({ topicId: event.target.value })}
          hint={
            topics.isError
              ? "Topics could not be loaded."
              : "Subscribers who opted out of the topic are skipped."
          }
          error={errorFor("topicId")}
          disabled={topics.isPending || topics.isError}
        >
          <option value="">No topic</option>
          {topics.data?.data.map((topic) => (
            <option key={topic.id} value={topic.id}>
              {topic.name}
            </option>
          ))}
        </SelectField>
        {useSegmentPreview ? (
          <Reach
            label="Segment size"
            isPending={false}
            error={null}
            devices={segmentCount.data?.devices ?? segmentCount.data?.count ?? null}
            people={segmentCount.data?.subscribers ?? null}
            byPlatform={segmentCount.data?.byPlatform ?? null}
          />
        ) : (
          <Reach
            label="Estimated reach today"
            isPending={isRequestValid && estimate.isPending}
            note={
              isRequestValid
                ? null
                : audience.type === "segment"
                  ? "Choose a segment to see its size."
                  : audience.type === "subscribers"
                    ? "Add external ids to see how many devices they have."
                    : "Choose at least one platform."
            }
            error={
              estimate.isError ? (asApiError(estimate.error)?.message ?? "Could not count") : null
            }
            devices={estimate.data?.devices ?? null}
            people={estimate.data?.subscribers ?? null}
            byPlatform={estimate.data?.byPlatform ?? null}
          />
        )}
      </CardBody>
    </Card>
  );
}
