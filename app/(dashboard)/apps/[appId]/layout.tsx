import type { ReactNode } from "react";
import { Sidebar } from "@/components/dashboard/sidebar";
import { listAppsForUser } from "@/lib/apps/list-apps";
import { permissionsOf } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";

export default async function AppLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ appId: string }>;
}) {
  const { appId } = await params;
  const { user, role, app } = await requireMembership(appId);
  const apps = await listAppsForUser(user.id);
  return (
    <div className="flex min-h-screen">
      <Sidebar
        app={{ id: app.id, name: app.name, isDemo: app.isDemo }}
        apps={apps.map((entry) => ({ id: entry.id, name: entry.name }))}
        user={{ name: user.name, email: user.email }}
        role={role}
        permissions={permissionsOf(role)}
      />
      {/* Below md the navigation is a drawer under a fixed bar 3.5rem tall (see Sidebar). */}
      <main className="min-w-0 flex-1 px-4 pt-22 pb-8 md:px-6 md:py-8 lg:px-10">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
