import type { Metadata } from "next";
import { Suspense } from "react";
import { SubscriberExplorer } from "@/components/subscribers/subscriber-explorer";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Subscribers" };

export default async function SubscribersPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  await requireMembership(appId, "audience:read");
  return (
    <>
      <PageHeader
        title="Subscribers"
        description="Everyone your app can reach: find one by external id or by an attribute, then see their devices and every push they got."
      />
      {/* The explorer reads its search from the URL. */}
      <Suspense>
        <SubscriberExplorer appId={appId} />
      </Suspense>
    </>
  );
}
