import type { Audience } from "@/lib/campaigns/audience";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { compileSegmentFilter } from "@/lib/segments/compile-filter";

/**
 * A boolean SQL condition over `d` (devices) and `s` (subscribers) that keeps
 * the audience's devices. Values are always bound parameters.
 */
export async function audienceCondition(
  appId: string,
  audience: Audience,
  loadSegmentDefinition: (segmentId: string) => Promise<unknown>,
): Promise<Prisma.Sql> {
  const platformCondition = audience.platforms
    ? Prisma.sql`d.platform::text = ANY(${audience.platforms})`
    : Prisma.sql`true`;
  switch (audience.type) {
    case "all":
      return platformCondition;
    case "test_devices":
      return Prisma.sql`${platformCondition} AND d."isTestDevice"`;
    case "subscribers":
      return Prisma.sql`${platformCondition} AND s."externalId" = ANY(${audience.externalIds})`;
    case "devices":
      return Prisma.sql`${platformCondition} AND d.id = ANY(${audience.deviceIds.map(BigInt)})`;
    case "segment": {
      const definition = await loadSegmentDefinition(audience.segmentId);
      return Prisma.sql`${platformCondition} AND ${await compileSegmentFilter(appId, definition)}`;
    }
    case "filter":
      return Prisma.sql`${platformCondition} AND ${await compileSegmentFilter(appId, audience.definition)}`;
    default:
      throw new AppError("bad_request", "Unknown audience type");
  }
}
