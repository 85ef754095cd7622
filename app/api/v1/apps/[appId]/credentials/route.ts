// GET /api/v1/apps/{appId}/credentials — which push credentials are set, and their health (never secrets)
import { listCredentials } from "@/lib/credentials/credentials";
import { appRoute } from "@/lib/http/route";

export const GET = appRoute(
  { auth: "session", permission: "credentials:read" },
  async ({ app }) => ({
    data: await listCredentials(app.appId),
  }),
);
