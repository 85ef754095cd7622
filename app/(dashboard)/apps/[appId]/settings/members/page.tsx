import type { Metadata } from "next";
import { MembersSettings } from "@/components/settings/members/members-settings";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const { app, role, user } = await requireMembership(appId, "members:read");
  return (
    <>
      <PageHeader
        title="Members"
        description="Who can work on this app, and what each of them may do."
      />
      <MembersSettings appId={appId} appName={app.name} role={role} userId={user.id} />
    </>
  );
}
