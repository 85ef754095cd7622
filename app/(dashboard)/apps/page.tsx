import { redirect } from "next/navigation";
import { listAppsForUser } from "@/lib/apps/list-apps";
import { requireUser } from "@/lib/auth/session";

export default async function AppsIndex() {
  const user = await requireUser("/apps");
  const [first] = await listAppsForUser(user.id);
  redirect(first ? `/apps/${first.id}` : "/apps/new");
}
