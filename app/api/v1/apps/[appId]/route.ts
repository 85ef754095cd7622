// GET|PATCH|DELETE /api/v1/apps/{appId} — read, change settings of, or delete an app
import { z } from "zod";
import { deleteApp } from "@/lib/apps/delete-app";
import { getAppOrThrow } from "@/lib/apps/get-app";
import { updateAppSchema } from "@/lib/apps/schemas";
import { updateApp } from "@/lib/apps/update-app";
import { appRoute } from "@/lib/http/route";

export const GET = appRoute({ auth: "either", permission: "app:read", scope: "read" }, ({ app }) =>
  getAppOrThrow(app.appId, app.role),
);

export const PATCH = appRoute(
  { auth: "either", permission: "app:update", scope: "admin", body: updateAppSchema },
  ({ app, body, actor }) => updateApp(app.appId, body, actor, app.role),
);

export const DELETE = appRoute(
  { auth: "session", permission: "app:delete", body: z.strictObject({ confirmName: z.string() }) },
  async ({ app, body }) => {
    await deleteApp(app.appId, body.confirmName);
  },
);
