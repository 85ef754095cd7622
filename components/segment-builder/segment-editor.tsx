"use client";

import { useState } from "react";
import { QueryError } from "@/components/settings/api-state";
import { Card } from "@/components/ui/card";
import { LoadingRows } from "@/components/ui/skeleton";
import type { SegmentDto } from "@/lib/segments/segment-dto";
import { newGroup } from "./draft";
import { fromDefinition } from "./from-definition";
import { useSegment } from "./segment-api";
import { SegmentForm, type SegmentFormInitial } from "./segment-form";

function initialOf(source: SegmentDto | undefined, isCopy: boolean): SegmentFormInitial {
  if (!source) return { name: "", description: "", root: newGroup() };
  return {
    name: isCopy ? `${source.name} (copy)`.slice(0, 80) : source.name,
    description: source.description ?? "",
    root: fromDefinition(source.definition),
  };
}

/**
 * Loads what the builder starts from (the segment, or the one being
 * duplicated) and hands it over once: later refetches refresh "used by"
 * without resetting what is being typed.
 */
export function SegmentEditor({
  appId,
  segmentId,
  duplicateOf,
  canWrite,
}: {
  appId: string;
  segmentId: string | null;
  duplicateOf: string | null;
  canWrite: boolean;
}) {
  const sourceId = segmentId ?? duplicateOf;
  const source = useSegment(appId, sourceId);
  const [initial, setInitial] = useState<SegmentFormInitial | null>(
    sourceId ? null : initialOf(undefined, false),
  );
  if (!initial && source.data) setInitial(initialOf(source.data, !segmentId));
  if (sourceId && source.isError) {
    return (
      <Card>
        <QueryError error={source.error} onRetry={() => source.refetch()} />
      </Card>
    );
  }
  if (!initial) {
    return (
      <Card>
        <LoadingRows rows={5} label="Loading the segment…" />
      </Card>
    );
  }
  return (
    <SegmentForm
      appId={appId}
      segment={segmentId ? (source.data ?? null) : null}
      initial={initial}
      canWrite={canWrite}
    />
  );
}
