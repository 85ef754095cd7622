// POST /api/v1/invitations/accept — join an app with an invitation token, as the signed-in user
import { AppError } from "@/lib/errors";
import { openRoute } from "@/lib/http/route";
import { acceptInvitation } from "@/lib/members/invitations";
import { acceptInvitationSchema } from "@/lib/members/schemas";

export const POST = openRoute(
  { auth: "session", body: acceptInvitationSchema },
  async ({ actor, body }) => {
    if (actor?.kind !== "user")
      throw new AppError("unauthorized", "Sign in to accept an invitation");
    return acceptInvitation(body.token, actor.userId);
  },
);
