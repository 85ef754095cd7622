// PUT /api/v1/apps/{appId}/credentials/{web|ios|android} — upload (validated, encrypted) · DELETE — remove
import { z } from "zod";
import { deleteCredential, saveCredential } from "@/lib/credentials/credentials";
import { parseCredentialUpload, platformSchema } from "@/lib/credentials/schemas";
import { AppError } from "@/lib/errors";
import { appRoute } from "@/lib/http/route";

function platformOf(value: string | undefined) {
  const parsed = platformSchema.safeParse(value);
  if (!parsed.success)
    throw new AppError("not_found", `There is no ${value} platform; use web, ios or android`);
  return parsed.data;
}

export const PUT = appRoute(
  { auth: "session", permission: "credentials:manage", body: z.record(z.string(), z.unknown()) },
  ({ app, params, body, actor }) =>
    saveCredential(app.appId, parseCredentialUpload(platformOf(params.platform), body), actor),
);

export const DELETE = appRoute(
  { auth: "session", permission: "credentials:manage" },
  async ({ app, params, actor }) => {
    await deleteCredential(app.appId, platformOf(params.platform), actor);
  },
);
