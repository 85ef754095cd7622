import type { Metadata } from "next";
import Link from "next/link";
import { SegmentsTable } from "@/components/segment-builder/segments-table";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Segments" };

export default async function SegmentsPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const { role } = await requireMembership(appId, "audience:read");
  const canWrite = can(role, "audience:write");
  return (
    <>
      <PageHeader
        title="Segments"
        description="Saved audiences for campaigns to send to. The builder counts who matches as you edit."
        actions={
          canWrite ? (
            <Link
              href={`/apps/${appId}/segments/new`}
              className="inline-flex items-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
            >
              New segment
            </Link>
          ) : undefined
        }
      />
      <SegmentsTable appId={appId} canWrite={canWrite} />
    </>
  );
}
