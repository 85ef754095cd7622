// DELETE /api/v1/apps/{appId}/invitations/{invitationId} — revoke a pending invitation
import { appRoute } from "@/lib/http/route";
import { revokeInvitation } from "@/lib/members/invitations";

export const DELETE = appRoute(
  { auth: "session", permission: "members:manage" },
  async ({ app, params, actor }) => {
    await revokeInvitation(app.appId, params.invitationId ?? "", actor);
  },
);
