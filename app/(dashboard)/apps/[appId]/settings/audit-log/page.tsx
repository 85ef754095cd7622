import type { Metadata } from "next";
import { AuditLogTable } from "@/components/settings/audit-log/audit-log-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  await requireMembership(appId, "audit:read");
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed what in this app, newest first. Entries cannot be edited or deleted."
      />
      <AuditLogTable appId={appId} />
    </>
  );
}
