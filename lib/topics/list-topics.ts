import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { decodeCursor, type Page, toPage } from "@/lib/http/pagination";
import type { ListTopicsQuery, TopicDto } from "./schemas";
import { toTopicDtos } from "./to-topic-dtos";

/** By name (a preference center lists them so), keyset-paged on (name, id). */
export async function listTopics(appId: string, query: ListTopicsQuery): Promise<Page<TopicDto>> {
  const where: Prisma.TopicWhereInput = { appId };
  if (query.cursor) {
    const [name = "", id = ""] = decodeCursor(query.cursor, 2);
    where.OR = [{ name: { gt: name } }, { name, id: { gt: id } }];
  }
  const rows = await getDb().topic.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: query.limit + 1,
  });
  const page = toPage(
    rows,
    query.limit,
    (row) => row,
    (row) => [row.name, row.id],
  );
  return { data: await toTopicDtos(appId, page.data), nextCursor: page.nextCursor };
}
