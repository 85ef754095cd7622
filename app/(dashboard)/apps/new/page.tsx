import type { Metadata } from "next";
import { HeraldMark } from "@/components/brand/herald-mark";
import { CreateAppForm } from "@/components/dashboard/create-app-form";
import { listAppsForUser } from "@/lib/apps/list-apps";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "New app" };

export default async function NewAppPage() {
  const user = await requireUser("/apps/new");
  const apps = await listAppsForUser(user.id);
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-2 text-xl font-semibold">
        <HeraldMark className="size-8" />
        Herald
      </div>
      <div className="w-full max-w-md">
        <CreateAppForm isFirstApp={apps.length === 0} />
      </div>
    </main>
  );
}
