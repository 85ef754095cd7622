// GET /api/v1/apps/{appId}/invitations — pending invitations · POST — invite by email, returns the link once
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { appRoute, created } from "@/lib/http/route";
import { createInvitation, listInvitations } from "@/lib/members/invitations";
import { createInvitationSchema } from "@/lib/members/schemas";

export const GET = appRoute({ auth: "session", permission: "members:manage" }, async ({ app }) => ({
  data: await listInvitations(app.appId),
}));

export const POST = appRoute(
  { auth: "session", permission: "members:manage", body: createInvitationSchema },
  async ({ app, body, actor }) => {
    if (actor.kind !== "user") throw new AppError("forbidden", "Invitations are sent by members");
    const { invitation, token } = await createInvitation(app.appId, body, app.role, actor);
    return created({
      ...invitation,
      link: new URL(`/invite/${token}`, getEnv().HERALD_PUBLIC_URL).toString(),
    });
  },
);
