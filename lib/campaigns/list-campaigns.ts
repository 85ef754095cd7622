import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { fieldError } from "@/lib/errors";
import { decodeCursor, type Page, toPage } from "@/lib/http/pagination";
import type { CampaignDto, ListCampaignsQuery } from "./api-schemas";
import { toCampaignDto } from "./campaign-dto";

/**
 * Newest first, keyset-paged on (createdAt, id), filtered by status, category,
 * source, name and — for a recurring campaign's runs — parent.
 */
export async function listCampaigns(
  appId: string,
  query: ListCampaignsQuery,
): Promise<Page<CampaignDto>> {
  const where: Prisma.CampaignWhereInput = {
    appId,
    ...(query.status ? { status: { in: query.status } } : {}),
    ...(query.category ? { category: query.category } : {}),
    // Test pushes are campaigns too (so devices keep their history), but lists hide them unless asked.
    source: query.source ?? { not: "test" },
    ...(query.q ? { name: { contains: query.q, mode: "insensitive" } } : {}),
    ...(query.parentId ? { parentId: query.parentId } : {}),
  };
  if (query.cursor) {
    const [createdAt = "", id = ""] = decodeCursor(query.cursor, 2);
    const after = new Date(createdAt);
    if (Number.isNaN(after.getTime())) {
      throw fieldError("query.cursor", "is not a cursor from a previous page");
    }
    where.OR = [{ createdAt: { lt: after } }, { createdAt: after, id: { lt: id } }];
  }
  const rows = await getDb().campaign.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: { variants: true },
  });
  return toPage(rows, query.limit, toCampaignDto, (row) => [row.createdAt.toISOString(), row.id]);
}
