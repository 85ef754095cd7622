import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/http/actor";
import { countConditions } from "./count-conditions";
import { getSegment, getSegmentOrThrow } from "./get-segment";
import { loadReferencedSegments } from "./load-references";
import { rethrowNameConflict } from "./name-conflict";
import type { UpdateSegmentInput } from "./schemas";
import type { SegmentDto } from "./segment-dto";

/**
 * Renames, re-describes or redefines a segment. Campaigns already sending
 * keep the audience they materialised; the next launch reads the new one.
 */
export async function updateSegment(
  appId: string,
  segmentId: string,
  input: UpdateSegmentInput,
  actor: Actor,
): Promise<SegmentDto> {
  const existing = await getSegmentOrThrow(appId, segmentId);
  if (input.definition) {
    await loadReferencedSegments(appId, input.definition, { selfId: existing.id });
  }
  await getDb()
    .$transaction(async (tx) => {
      await tx.segment.update({
        where: { id: existing.id },
        data: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.definition
            ? { definition: input.definition, definitionVersion: input.definition.version }
            : {}),
        },
      });
      await recordAudit(tx, {
        appId,
        actor,
        action: "segment.updated",
        targetType: "segment",
        targetId: existing.id,
        metadata: {
          name: input.name ?? existing.name,
          changed: Object.keys(input),
          ...(input.definition ? { conditions: countConditions(input.definition.root) } : {}),
        },
      });
    })
    .catch((error: unknown) => rethrowNameConflict(error, input.name));
  return getSegment(appId, existing.id);
}
