import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { CampaignAnalyticsView } from "@/components/analytics/campaign-analytics";
import { Badge } from "@/components/ui/badge";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { PageHeader } from "@/components/ui/page-header";
import { categoryLabels } from "@/lib/analytics/format";
import { getCampaignHeading } from "@/lib/analytics/get-campaign-heading";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Campaign analytics" };

/** The link target for a campaign's analytics: /apps/{appId}/analytics/campaigns/{campaignId}. */
export default async function CampaignAnalyticsPage({
  params,
}: {
  params: Promise<{ appId: string; campaignId: string }>;
}) {
  const { appId, campaignId } = await params;
  await requireMembership(appId);
  const campaign = await getCampaignHeading(appId, campaignId);
  if (!campaign) notFound();
  return (
    <>
      <PageHeader
        title={campaign.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge>{categoryLabels[campaign.category]}</Badge>
            <Badge tone="gray">{campaign.status}</Badge>
            {campaign.launchedAt && (
              <span>
                Launched <LocalDateTime iso={campaign.launchedAt.toISOString()} />
              </span>
            )}
          </span>
        }
        actions={
          <>
            <Link
              href={`/apps/${appId}/analytics`}
              className="text-sm font-medium text-brand-600 hover:text-brand-700"
            >
              ← All campaigns
            </Link>
            <Link
              href={`/apps/${appId}/campaigns/${campaignId}`}
              className="text-sm font-medium text-brand-600 hover:text-brand-700"
            >
              Campaign details
            </Link>
          </>
        }
      />
      <Suspense>
        <CampaignAnalyticsView appId={appId} campaignId={campaignId} />
      </Suspense>
    </>
  );
}
