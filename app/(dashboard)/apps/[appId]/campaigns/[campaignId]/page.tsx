import type { Metadata } from "next";
import { CampaignDetail } from "@/components/campaigns/campaign-detail";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";
import { listCampaignAuditTrail } from "@/lib/campaigns/campaign-audit-trail";

export const metadata: Metadata = { title: "Campaign" };

export default async function CampaignPage({
  params,
}: {
  params: Promise<{ appId: string; campaignId: string }>;
}) {
  const { appId, campaignId } = await params;
  const { role } = await requireMembership(appId, "campaigns:read");
  const auditTrail = await listCampaignAuditTrail(appId, campaignId);
  return (
    <CampaignDetail
      appId={appId}
      campaignId={campaignId}
      auditTrail={auditTrail}
      canWrite={can(role, "campaigns:write")}
      canLaunch={can(role, "campaigns:launch")}
    />
  );
}
