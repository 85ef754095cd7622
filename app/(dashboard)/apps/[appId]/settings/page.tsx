import type { Metadata } from "next";
import { GeneralSettings } from "@/components/settings/general/general-settings";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Settings" };

export default async function GeneralSettingsPage({
  params,
}: {
  params: Promise<{ appId: string }>;
}) {
  const { appId } = await params;
  const { role } = await requireMembership(appId, "app:read");
  return (
    <>
      <PageHeader
        title="General settings"
        description="Name, allowed origins, time zone and the rules every push follows."
      />
      <GeneralSettings
        appId={appId}
        role={role}
        canEdit={can(role, "app:update")}
        canDelete={can(role, "app:delete")}
      />
    </>
  );
}
