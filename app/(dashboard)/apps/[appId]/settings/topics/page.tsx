import type { Metadata } from "next";
import { CreateTopic } from "@/components/topics/create-topic";
import { PreferenceCenterExample } from "@/components/topics/preference-center-example";
import { TopicsTable } from "@/components/topics/topics-table";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Topics" };

export default async function TopicsPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const { role } = await requireMembership(appId, "audience:read");
  const canWrite = can(role, "audience:write");
  return (
    <>
      <PageHeader
        title="Topics"
        description="What subscribers can opt in to or out of: order updates, deals, new arrivals."
      />
      <div className="space-y-6">
        {canWrite && <CreateTopic appId={appId} />}
        <TopicsTable appId={appId} canWrite={canWrite} />
        <PreferenceCenterExample />
      </div>
    </>
  );
}
