import { compileSegmentFilter } from "./compile-filter";
import { type AudienceCount, countAudience } from "./count-audience";
import { getSegmentOrThrow } from "./get-segment";
import { type SampleSubscriberDto, sampleAudience } from "./sample-audience";
import type { PreviewSegmentInput } from "./schemas";

export interface SegmentPreviewDto extends AudienceCount {
  /** Same as `subscribers`: the number the builder shows. */
  count: number;
  sample: SampleSubscriberDto[];
  /** How long the count took, so the builder (and a benchmark) can show it. */
  tookMs: number;
}

/** Counts and samples a definition (the builder's live count) or a saved segment. */
export async function previewSegment(
  appId: string,
  input: PreviewSegmentInput,
): Promise<SegmentPreviewDto> {
  const definition = input.segmentId
    ? (await getSegmentOrThrow(appId, input.segmentId)).definition
    : input.definition;
  const condition = await compileSegmentFilter(appId, definition);
  const started = performance.now();
  const [count, sample] = await Promise.all([
    countAudience(appId, condition),
    sampleAudience(appId, condition),
  ]);
  return {
    count: count.subscribers,
    ...count,
    sample,
    tookMs: Math.round(performance.now() - started),
  };
}
