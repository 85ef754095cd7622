import type { Metadata } from "next";
import { ApiKeysSettings } from "@/components/settings/api-keys/api-keys-settings";
import { PageHeader } from "@/components/ui/page-header";
import { can, grantableScopes } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const { role } = await requireMembership(appId, "api_keys:read");
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Authenticate server-to-server calls with{" "}
            <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>.
          </>
        }
      />
      <ApiKeysSettings
        appId={appId}
        canManage={can(role, "api_keys:manage")}
        grantableScopes={grantableScopes(role)}
      />
    </>
  );
}
