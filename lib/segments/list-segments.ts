import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { fieldError } from "@/lib/errors";
import { decodeCursor, type Page, toPage } from "@/lib/http/pagination";
import { countConditions } from "./count-conditions";
import { segmentDefinitionObjectSchema } from "./definition";
import type { ListSegmentsQuery } from "./schemas";
import type { SegmentSummaryDto } from "./segment-dto";
import { finishedCampaignStatuses } from "./segment-usage";

/** Newest first, keyset-paged on (createdAt, id), optionally by name. */
export async function listSegments(
  appId: string,
  query: ListSegmentsQuery,
): Promise<Page<SegmentSummaryDto>> {
  const where: Prisma.SegmentWhereInput = {
    appId,
    ...(query.q ? { name: { contains: query.q, mode: "insensitive" } } : {}),
  };
  if (query.cursor) {
    const [createdAt = "", id = ""] = decodeCursor(query.cursor, 2);
    const after = new Date(createdAt);
    if (Number.isNaN(after.getTime())) {
      throw fieldError("query.cursor", "is not a cursor from a previous page");
    }
    where.OR = [{ createdAt: { lt: after } }, { createdAt: after, id: { lt: id } }];
  }
  const rows = await getDb().segment.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: {
      _count: {
        select: { campaigns: { where: { status: { notIn: finishedCampaignStatuses } } } },
      },
    },
  });
  return toPage(
    rows,
    query.limit,
    (row) => {
      const definition = segmentDefinitionObjectSchema.safeParse(row.definition);
      return {
        id: row.id,
        name: row.name,
        description: row.description,
        conditionCount: definition.success ? countConditions(definition.data.root) : 0,
        activeCampaignCount: row._count.campaigns,
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      };
    },
    (row) => [row.createdAt.toISOString(), row.id],
  );
}
