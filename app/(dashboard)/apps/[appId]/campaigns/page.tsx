import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { CampaignList } from "@/components/campaigns/campaign-list";
import { PageHeader } from "@/components/ui/page-header";
import { LoadingRows } from "@/components/ui/skeleton";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const { role } = await requireMembership(appId, "campaigns:read");
  const canWrite = can(role, "campaigns:write");
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Compose, schedule and watch your pushes go out."
        actions={
          canWrite ? (
            <Link
              href={`/apps/${appId}/campaigns/new`}
              className="inline-flex items-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              New campaign
            </Link>
          ) : undefined
        }
      />
      {/* The list reads its filters from the address. */}
      <Suspense fallback={<LoadingRows rows={6} label="Loading campaigns…" />}>
        <CampaignList appId={appId} canWrite={canWrite} />
      </Suspense>
    </>
  );
}
