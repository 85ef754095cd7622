import type { AuditEntryDto } from "@/lib/audit/list-audit-log";
import { getDb } from "@/lib/db/client";

/**
 * The audit entries about one campaign (created, edited, launched, paused,
 * winner chosen…), newest first. Shown on the campaign's page to anyone who
 * may read campaigns: a campaign's own history is part of the campaign.
 */
export async function listCampaignAuditTrail(
  appId: string,
  campaignId: string,
  limit = 100,
): Promise<AuditEntryDto[]> {
  const db = getDb();
  const rows = await db.auditLogEntry.findMany({
    where: { appId, targetType: "campaign", targetId: campaignId },
    orderBy: { id: "desc" },
    take: limit,
  });
  const userIds = [...new Set(rows.flatMap((row) => (row.actorUserId ? [row.actorUserId] : [])))];
  const keyIds = [
    ...new Set(rows.flatMap((row) => (row.actorApiKeyId ? [row.actorApiKeyId] : []))),
  ];
  const [users, keys] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }),
    db.apiKey.findMany({ where: { id: { in: keyIds }, appId }, select: { id: true, name: true } }),
  ]);
  const emailOf = new Map(users.map((user) => [user.id, user.email]));
  const keyNameOf = new Map(keys.map((key) => [key.id, key.name]));
  return rows.map((row) => ({
    id: row.id.toString(),
    action: row.action,
    actor:
      (row.actorUserId && emailOf.get(row.actorUserId)) ||
      (row.actorApiKeyId && `API key ${keyNameOf.get(row.actorApiKeyId) ?? row.actorApiKeyId}`) ||
      "Herald (automatic)",
    targetType: row.targetType,
    targetId: row.targetId,
    metadata: row.metadata,
    createdAt: row.createdAt.toISOString(),
  }));
}
