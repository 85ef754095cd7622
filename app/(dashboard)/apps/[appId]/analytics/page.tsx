import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { CampaignStatsTable } from "@/components/analytics/campaign-stats-table";
import { PageHeader } from "@/components/ui/page-header";
import { listFilterOptions } from "@/lib/analytics/list-filter-options";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  await requireMembership(appId);
  const { segments } = await listFilterOptions(appId);
  return (
    <>
      <PageHeader
        title="Analytics"
        description="Campaign by campaign: what was sent, delivered, opened and converted."
        actions={
          <Link
            href={`/apps/${appId}`}
            className="text-sm font-medium text-brand-600 hover:text-brand-700"
          >
            ← App overview
          </Link>
        }
      />
      <Suspense>
        <CampaignStatsTable appId={appId} segments={segments} />
      </Suspense>
    </>
  );
}
