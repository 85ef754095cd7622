import { getDb } from "@/lib/db/client";
import type { AuditLogEntry } from "@/lib/db/generated/client";

export interface AuditEntryDto {
  id: string;
  action: string;
  actor: string;
  targetType: string | null;
  targetId: string | null;
  /** What the target is called now (or was called, when it is gone and the entry kept its name). */
  targetName: string | null;
  metadata: unknown;
  createdAt: string;
}

/** Target types named by their row's `name`, and where to find it. */
const namedTargets = ["api_key", "app", "campaign", "segment", "topic"] as const;

async function namesOf(
  appId: string,
  type: (typeof namedTargets)[number],
  ids: string[],
): Promise<{ id: string; name: string }[]> {
  if (!ids.length) return [];
  const db = getDb();
  const where = { id: { in: ids }, appId };
  const select = { id: true, name: true } as const;
  switch (type) {
    case "api_key":
      return db.apiKey.findMany({ where, select });
    case "app":
      return db.app.findMany({ where: { id: appId }, select });
    case "campaign":
      return db.campaign.findMany({ where, select });
    case "segment":
      return db.segment.findMany({ where, select });
    case "topic":
      return db.topic.findMany({ where, select });
  }
}

/** Entries as the dashboard shows them: who did it (a member's email or a key's name) and to what. */
export async function describeAuditEntries(
  appId: string,
  rows: AuditLogEntry[],
): Promise<AuditEntryDto[]> {
  const idsOf = (type: string) => [
    ...new Set(
      rows.flatMap((row) => [
        ...(row.targetType === type && row.targetId ? [row.targetId] : []),
        ...(type === "api_key" && row.actorApiKeyId ? [row.actorApiKeyId] : []),
      ]),
    ),
  ];
  const userIds = [...new Set(rows.flatMap((row) => (row.actorUserId ? [row.actorUserId] : [])))];
  const [users, ...named] = await Promise.all([
    getDb().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }),
    ...namedTargets.map((type) => namesOf(appId, type, idsOf(type))),
  ]);
  const emailOf = new Map(users.map((user) => [user.id, user.email]));
  const nameOf = new Map<string, string>(
    namedTargets.flatMap((type, index) =>
      (named[index] ?? []).map((row) => [`${type}:${row.id}`, row.name] as const),
    ),
  );
  return rows.map((row) => {
    const recorded = (row.metadata as { name?: unknown } | null)?.name;
    return {
      id: row.id.toString(),
      action: row.action,
      actor:
        (row.actorUserId && emailOf.get(row.actorUserId)) ||
        (row.actorApiKeyId &&
          `API key ${nameOf.get(`api_key:${row.actorApiKeyId}`) ?? row.actorApiKeyId}`) ||
        "Herald (automatic)",
      targetType: row.targetType,
      targetId: row.targetId,
      targetName:
        nameOf.get(`${row.targetType}:${row.targetId}`) ??
        (typeof recorded === "string" ? recorded : null),
      metadata: row.metadata,
      createdAt: row.createdAt.toISOString(),
    };
  });
}

export async function listAuditLog(
  appId: string,
  { cursor, limit }: { cursor?: string; limit: number },
): Promise<{ data: AuditEntryDto[]; nextCursor: string | null }> {
  const rows = await getDb().auditLogEntry.findMany({
    where: { appId, ...(cursor ? { id: { lt: BigInt(cursor) } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    data: await describeAuditEntries(appId, page),
    nextCursor: rows.length > limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}
