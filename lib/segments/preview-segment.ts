import { compileSegmentFilter } from "./compile-filter";
import { type AudienceCount, countAudience, countReachable } from "./count-audience";
import { segmentDefinitionObjectSchema } from "./definition";
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

/** No conditions at all (the definition is already valid): everyone reachable. */
function isEveryone(definition: unknown): boolean {
  const parsed = segmentDefinitionObjectSchema.safeParse(definition);
  return parsed.success && parsed.data.root.children.length === 0 && !parsed.data.root.negate;
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
    isEveryone(definition) ? countReachable(appId) : countAudience(appId, condition),
    sampleAudience(appId, condition),
  ]);
  return {
    count: count.subscribers,
    ...count,
    sample,
    tookMs: Math.round(performance.now() - started),
  };
}
