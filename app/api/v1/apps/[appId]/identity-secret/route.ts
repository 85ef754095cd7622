// POST /api/v1/apps/{appId}/identity-secret — a new identity verification secret, shown once
import { appRoute, created } from "@/lib/http/route";
import { createIdentitySecret } from "@/lib/sdk/identity-verification";

export const POST = appRoute(
  { auth: "session", permission: "app:update" },
  async ({ app, actor }) => created(await createIdentitySecret(app.appId, actor)),
);
