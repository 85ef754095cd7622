import { type AuditEntryDto, describeAuditEntries } from "@/lib/audit/list-audit-log";
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
  const rows = await getDb().auditLogEntry.findMany({
    where: { appId, targetType: "campaign", targetId: campaignId },
    orderBy: { id: "desc" },
    take: limit,
  });
  return describeAuditEntries(appId, rows);
}
