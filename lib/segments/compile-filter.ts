import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";

/**
 * Compiles a segment definition into a condition over `s` (subscribers).
 * The segment language arrives with the Audience issue; until then a
 * segment audience is refused rather than silently sending to everyone.
 */
export async function compileSegmentFilter(
  _appId: string,
  _definition: unknown,
): Promise<Prisma.Sql> {
  throw new AppError("bad_request", "Segment audiences are not available yet");
}
