// PATCH /api/v1/apps/{appId}/members/{memberId} — change a role · DELETE — remove a member (or leave)
import { appRoute } from "@/lib/http/route";
import { removeMember, updateMemberRole } from "@/lib/members/members";
import { updateMemberSchema } from "@/lib/members/schemas";

export const PATCH = appRoute(
  { auth: "session", permission: "members:manage", body: updateMemberSchema },
  ({ app, params, body, actor }) =>
    updateMemberRole(app.appId, params.memberId ?? "", body.role, app.role, actor),
);

// Any member may leave; removing someone else needs members:manage, checked in removeMember.
export const DELETE = appRoute(
  { auth: "session", permission: "app:read" },
  async ({ app, params, actor }) => {
    await removeMember(app.appId, params.memberId ?? "", app.role, actor);
  },
);
