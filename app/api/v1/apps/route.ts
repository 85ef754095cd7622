// GET /api/v1/apps — the caller's apps · POST — create an app owned by the caller
import { createApp } from "@/lib/apps/create-app";
import { listAppsForUser } from "@/lib/apps/list-apps";
import { createAppSchema } from "@/lib/apps/schemas";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import { created, openRoute } from "@/lib/http/route";

function signedInUser(actor: Actor | null) {
  if (actor?.kind !== "user")
    throw new AppError("forbidden", "Apps are managed from the dashboard");
  return actor;
}

export const GET = openRoute({ auth: "session" }, async ({ actor }) => ({
  data: await listAppsForUser(signedInUser(actor).userId),
}));

export const POST = openRoute(
  { auth: "session", body: createAppSchema },
  async ({ actor, body }) => {
    const user = signedInUser(actor);
    return created(await createApp(body, user, user));
  },
);
