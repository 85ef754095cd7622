import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/http/actor";
import { countConditions } from "./count-conditions";
import { getSegment } from "./get-segment";
import { loadReferencedSegments } from "./load-references";
import { rethrowNameConflict } from "./name-conflict";
import type { CreateSegmentInput } from "./schemas";
import type { SegmentDto } from "./segment-dto";

export async function createSegment(
  appId: string,
  input: CreateSegmentInput,
  actor: Actor,
): Promise<SegmentDto> {
  // Segments it refers to must exist in this app and not chain too deep.
  await loadReferencedSegments(appId, input.definition);
  const segment = await getDb()
    .$transaction(async (tx) => {
      const row = await tx.segment.create({
        data: {
          appId,
          name: input.name,
          description: input.description ?? null,
          definition: input.definition,
          definitionVersion: input.definition.version,
          createdById: actor.kind === "user" ? actor.userId : null,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        appId,
        actor,
        action: "segment.created",
        targetType: "segment",
        targetId: row.id,
        metadata: { name: input.name, conditions: countConditions(input.definition.root) },
      });
      return row;
    })
    .catch((error: unknown) => rethrowNameConflict(error, input.name));
  return getSegment(appId, segment.id);
}
