import type { Metadata } from "next";
import { CredentialsSettings } from "@/components/settings/credentials/credentials-settings";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Push credentials" };

export default async function CredentialsPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const { role } = await requireMembership(appId, "credentials:read");
  return (
    <>
      <PageHeader
        title="Push credentials"
        description="The keys Herald signs pushes with, per platform. Secrets are encrypted at rest and never shown back."
      />
      <CredentialsSettings appId={appId} canManage={can(role, "credentials:manage")} />
    </>
  );
}
