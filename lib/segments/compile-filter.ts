import type { Prisma } from "@/lib/db/generated/client";
import { compileSegmentDefinition } from "./compile/compile-definition";
import { loadReferencedSegments } from "./load-references";
import { parseSegmentDefinition } from "./parse-definition";

/**
 * Compiles a segment definition (stored or inline, still unvalidated JSON)
 * into one boolean condition over `d` (devices) and `s` (subscribers) for
 * `WHERE d."appId" = … AND d.status = 'active' AND <condition>`. Segments it
 * refers to are loaded from this app only. A bad definition is a 400 naming
 * the node at fault under `path` (`definition.root.children.2.value`).
 */
export async function compileSegmentFilter(
  appId: string,
  definition: unknown,
  options: { now?: Date; path?: string } = {},
): Promise<Prisma.Sql> {
  const path = options.path ?? "definition";
  const parsed = parseSegmentDefinition(definition, path);
  const segments = await loadReferencedSegments(appId, parsed, { path });
  return compileSegmentDefinition(
    parsed,
    { appId, now: options.now ?? new Date(), segments },
    path,
  );
}
