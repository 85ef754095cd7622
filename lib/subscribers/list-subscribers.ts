import { getDb } from "@/lib/db/client";
import { type Prisma, Prisma as PrismaNamespace, type Subscriber } from "@/lib/db/generated/client";
import type { Platform } from "@/lib/db/generated/enums";
import { fieldError } from "@/lib/errors";
import { decodeCursor, type Page, toPage } from "@/lib/http/pagination";
import { isBigintId } from "@/lib/validation";
import type { ListSubscribersQuery, SubscriberListItemDto } from "./schemas";
import { toSubscriberDto } from "./subscriber-dto";

const sql = PrismaNamespace.sql;

/**
 * `key=value` as containment conditions over the attributes' GIN index: the
 * value as text, and also as the number or boolean it spells, so `age=42`
 * finds a stored 42 as well as "42".
 */
function attributeCondition(filter: string): Prisma.Sql {
  const separator = filter.indexOf("=");
  const key = filter.slice(0, separator);
  const raw = filter.slice(separator + 1);
  if (!key) throw fieldError("query.attribute", "must be key=value");
  const candidates: unknown[] = [raw];
  if (raw === "true" || raw === "false") candidates.push(raw === "true");
  if (raw.trim() !== "" && Number.isFinite(Number(raw))) candidates.push(Number(raw));
  const conditions = candidates.map(
    (value) => sql`s.attributes @> ${JSON.stringify({ [key]: value })}::jsonb`,
  );
  return sql`(${PrismaNamespace.join(conditions, " OR ")})`;
}

function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Newest first; by external id prefix and/or one attribute value, for the explorer and the API. */
export async function listSubscribers(
  appId: string,
  query: ListSubscribersQuery,
): Promise<Page<SubscriberListItemDto>> {
  const [afterId] = query.cursor ? decodeCursor(query.cursor, 1) : [];
  if (afterId !== undefined && !isBigintId(afterId)) {
    throw fieldError("query.cursor", "is not a cursor from a previous page");
  }
  const conditions: Prisma.Sql[] = [sql`s."appId" = ${appId}`];
  if (query.q) conditions.push(sql`s."externalId" LIKE ${likePrefix(query.q)}`);
  if (query.attribute) conditions.push(attributeCondition(query.attribute));
  if (afterId) conditions.push(sql`s.id < ${BigInt(afterId)}`);
  const db = getDb();
  const rows = await db.$queryRaw<Subscriber[]>`
    SELECT s.* FROM subscribers s
    WHERE ${PrismaNamespace.join(conditions, " AND ")}
    ORDER BY s.id DESC
    LIMIT ${query.limit + 1}`;
  const pageIds = rows.slice(0, query.limit).map((row) => row.id);
  const deviceGroups = pageIds.length
    ? await db.device.groupBy({
        by: ["subscriberId", "platform", "status"],
        where: { appId, subscriberId: { in: pageIds } },
        _count: { _all: true },
      })
    : [];
  return toPage(
    rows,
    query.limit,
    (row) => {
      const groups = deviceGroups.filter((group) => group.subscriberId === row.id);
      const platforms = [...new Set(groups.map((group) => group.platform))] as Platform[];
      return {
        ...toSubscriberDto(row),
        deviceCount: groups.reduce((sum, group) => sum + group._count._all, 0),
        activeDeviceCount: groups
          .filter((group) => group.status === "active")
          .reduce((sum, group) => sum + group._count._all, 0),
        platforms: platforms.sort(),
      };
    },
    (row) => [row.id.toString()],
  );
}
