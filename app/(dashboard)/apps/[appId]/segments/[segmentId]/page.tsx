import type { Metadata } from "next";
import { SegmentEditor } from "@/components/segment-builder/segment-editor";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Segment" };

export default async function SegmentPage({
  params,
}: {
  params: Promise<{ appId: string; segmentId: string }>;
}) {
  const { appId, segmentId } = await params;
  const { role } = await requireMembership(appId, "audience:read");
  return (
    <SegmentEditor
      appId={appId}
      segmentId={segmentId}
      duplicateOf={null}
      canWrite={can(role, "audience:write")}
    />
  );
}
