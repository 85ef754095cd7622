import { getDb } from "@/lib/db/client";
import type { Segment } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import { segmentDefinitionObjectSchema } from "./definition";
import type { SegmentDto } from "./segment-dto";
import { findSegmentUsage } from "./segment-usage";

/** A segment of this app; another app's id is simply not found. */
export async function getSegmentOrThrow(appId: string, segmentId: string): Promise<Segment> {
  const segment = await getDb().segment.findFirst({ where: { id: segmentId, appId } });
  if (!segment) throw notFound(`Segment ${segmentId}`);
  return segment;
}

/** The segment with its definition and who uses it. */
export async function getSegment(appId: string, segmentId: string): Promise<SegmentDto> {
  const segment = await getSegmentOrThrow(appId, segmentId);
  return {
    id: segment.id,
    name: segment.name,
    description: segment.description,
    definition: segmentDefinitionObjectSchema.parse(segment.definition),
    usedBy: await findSegmentUsage(appId, segment.id),
    createdAt: segment.createdAt.toISOString(),
    updatedAt: segment.updatedAt.toISOString(),
  };
}
