import type { Metadata } from "next";
import { WebSdkSettings } from "@/components/settings/web-sdk/web-sdk-settings";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";
import { listCredentials } from "@/lib/credentials/credentials";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Web SDK" };

export default async function WebSdkPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const { role } = await requireMembership(appId, "app:read");
  // Whether browsers can subscribe at all; a yes or no, never the keys.
  const credentials = await listCredentials(appId);
  const web = credentials.find((credential) => credential.platform === "web");
  return (
    <>
      <PageHeader
        title="Web SDK"
        description="Add web push to your site: a service worker file, one script tag, and the soft ask visitors see first."
      />
      <WebSdkSettings
        appId={appId}
        heraldUrl={new URL(getEnv().HERALD_PUBLIC_URL).origin}
        role={role}
        canEdit={can(role, "app:update")}
        canSeeCredentials={can(role, "credentials:read")}
        isWebPushConfigured={web?.configured === true}
      />
    </>
  );
}
