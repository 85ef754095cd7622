import { getDb } from "@/lib/db/client";
import { AppError, fieldError } from "@/lib/errors";
import {
  type SegmentDefinition,
  type SegmentNode,
  segmentDefinitionObjectSchema,
} from "./definition";
import { segmentLimits } from "./definition-limits";

interface Reference {
  segmentId: string;
  /** Relative to the definition: `root.children.1`. */
  path: string;
}

/** The `segment` conditions of a definition, in reading order. */
export function segmentReferencesOf(definition: SegmentDefinition): Reference[] {
  const references: Reference[] = [];
  const visit = (node: SegmentNode, path: string) => {
    if (node.type === "segment") references.push({ segmentId: node.segmentId, path });
    if (node.type === "group") {
      node.children.forEach((child, index) => {
        visit(child, `${path}.children.${index}`);
      });
    }
  };
  visit(definition.root, "root");
  return references;
}

async function loadDefinitions(
  appId: string,
  ids: string[],
): Promise<Map<string, SegmentDefinition>> {
  const rows = await getDb().segment.findMany({
    where: { appId, id: { in: ids } },
    select: { id: true, name: true, definition: true },
  });
  const loaded = new Map<string, SegmentDefinition>();
  for (const row of rows) {
    const parsed = segmentDefinitionObjectSchema.safeParse(row.definition);
    if (!parsed.success) {
      throw new AppError("conflict", `Segment “${row.name}” has a definition Herald cannot read`);
    }
    loaded.set(row.id, parsed.data);
  }
  return loaded;
}

/** Follows references from `segmentId`; what is wrong with the chain, if anything. */
function findBadChain(
  segmentId: string,
  segments: ReadonlyMap<string, SegmentDefinition>,
  chain: string[],
  selfId: string | undefined,
): string | null {
  if (segmentId === selfId || chain.includes(segmentId)) {
    return "refers back to this segment through other segments";
  }
  if (chain.length >= segmentLimits.maxReferenceDepth) {
    return `segments may refer to segments at most ${segmentLimits.maxReferenceDepth} levels deep`;
  }
  const definition = segments.get(segmentId);
  if (!definition) return "refers to a segment that no longer exists";
  for (const reference of segmentReferencesOf(definition)) {
    const problem = findBadChain(reference.segmentId, segments, [...chain, segmentId], selfId);
    if (problem) return problem;
  }
  return null;
}

/**
 * Loads every segment a definition refers to, directly or through other
 * segments (level by level, one query each), and refuses a reference that is
 * missing, loops back (to `selfId`, the segment being saved, or around) or
 * chains deeper than the limit, blaming the condition in this definition.
 */
export async function loadReferencedSegments(
  appId: string,
  definition: SegmentDefinition,
  options: { selfId?: string; path?: string } = {},
): Promise<Map<string, SegmentDefinition>> {
  const path = options.path ?? "definition";
  const direct = segmentReferencesOf(definition);
  const segments = new Map<string, SegmentDefinition>();
  if (!direct.length) return segments;
  let pending = [...new Set(direct.map((reference) => reference.segmentId))];
  for (let level = 0; pending.length && level <= segmentLimits.maxReferenceDepth; level += 1) {
    const toLoad = pending.filter((id) => id !== options.selfId && !segments.has(id));
    const loaded = await loadDefinitions(appId, toLoad);
    for (const [id, loadedDefinition] of loaded) segments.set(id, loadedDefinition);
    pending = [...loaded.values()].flatMap((loadedDefinition) =>
      segmentReferencesOf(loadedDefinition).map((reference) => reference.segmentId),
    );
  }
  for (const reference of direct) {
    const field = `${path}.${reference.path}.segmentId`;
    if (reference.segmentId === options.selfId) {
      throw fieldError(field, "a segment cannot contain itself");
    }
    if (!segments.has(reference.segmentId)) throw fieldError(field, "no such segment");
    const problem = findBadChain(reference.segmentId, segments, [], options.selfId);
    if (problem) throw fieldError(field, problem);
  }
  return segments;
}
