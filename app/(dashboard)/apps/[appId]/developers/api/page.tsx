import type { Metadata } from "next";
import { ApiReference } from "@/components/api-reference/api-reference";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/session";
import { buildApiReference } from "@/lib/openapi/api-reference";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const { app } = await requireMembership(appId);
  return (
    <>
      <PageHeader
        title="API reference"
        description="Every endpoint of Herald's public API, generated from the same schemas the server validates with. Examples use this app's ids."
      />
      <ApiReference reference={buildApiReference()} appId={appId} publicId={app.publicId} />
    </>
  );
}
