import { getDb } from "@/lib/db/client";

export interface AuditEntryDto {
  id: string;
  action: string;
  actor: string;
  targetType: string | null;
  targetId: string | null;
  metadata: unknown;
  createdAt: string;
}

export async function listAuditLog(
  appId: string,
  { cursor, limit }: { cursor?: string; limit: number },
): Promise<{ data: AuditEntryDto[]; nextCursor: string | null }> {
  const db = getDb();
  const rows = await db.auditLogEntry.findMany({
    where: { appId, ...(cursor ? { id: { lt: BigInt(cursor) } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const userIds = [
    ...new Set(page.map((row) => row.actorUserId).filter((id): id is string => !!id)),
  ];
  const keyIds = [
    ...new Set(page.map((row) => row.actorApiKeyId).filter((id): id is string => !!id)),
  ];
  const [users, keys] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }),
    db.apiKey.findMany({ where: { id: { in: keyIds }, appId }, select: { id: true, name: true } }),
  ]);
  const actorName = (userId: string | null, keyId: string | null) =>
    (userId && users.find((user) => user.id === userId)?.email) ||
    (keyId && `API key ${keys.find((key) => key.id === keyId)?.name ?? keyId}`) ||
    "system";
  return {
    data: page.map((row) => ({
      id: row.id.toString(),
      action: row.action,
      actor: actorName(row.actorUserId, row.actorApiKeyId),
      targetType: row.targetType,
      targetId: row.targetId,
      metadata: row.metadata,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > limit ? (page.at(-1)?.id.toString() ?? null) : null,
  };
}
