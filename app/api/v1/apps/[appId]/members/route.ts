// GET /api/v1/apps/{appId}/members — members and their roles
import { appRoute } from "@/lib/http/route";
import { listMembers } from "@/lib/members/members";

export const GET = appRoute({ auth: "session", permission: "members:read" }, async ({ app }) => ({
  data: await listMembers(app.appId),
}));
