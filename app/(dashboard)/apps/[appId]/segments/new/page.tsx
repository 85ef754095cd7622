import type { Metadata } from "next";
import { SegmentEditor } from "@/components/segment-builder/segment-editor";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "New segment" };

export default async function NewSegmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ appId: string }>;
  searchParams: Promise<{ from?: string }>;
}) {
  const { appId } = await params;
  const { from } = await searchParams;
  await requireMembership(appId, "audience:write");
  return <SegmentEditor appId={appId} segmentId={null} duplicateOf={from ?? null} canWrite />;
}
