import { getAppOrThrow } from "@/lib/apps/get-app";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";

/** What the composer needs from the server: the app's name, its web origin for the browser preview, the caller's rights. */
export async function loadComposerContext(appId: string) {
  const { app, role } = await requireMembership(appId, "campaigns:write");
  const details = await getAppOrThrow(appId, role);
  const origin = details.allowedOrigins[0];
  return {
    appName: app.name,
    webOrigin: origin ? new URL(origin).host : "your-site.example",
    canLaunch: can(role, "campaigns:launch"),
  };
}
