import { forgetApiKeysOfApp } from "@/lib/api-keys/api-key-cache";
import { forgetSdkApp } from "@/lib/apps/sdk-app-cache";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Deletes an app and everything in it. The audit log refuses deletes unless
 * `herald.deleting_app` names the app (see the init migration), so the
 * cascade is allowed only here and only for this app.
 */
export async function deleteApp(appId: string, confirmName: string): Promise<void> {
  const db = getDb();
  const app = await db.app.findUnique({ where: { id: appId }, select: { name: true } });
  if (!app) throw new AppError("not_found", `App ${appId} was not found`);
  if (app.name !== confirmName) {
    throw new AppError("validation_failed", "Type the app's name to confirm deletion", {
      fields: [{ field: "confirmName", message: `must be "${app.name}"` }],
    });
  }
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`select set_config('herald.deleting_app', ${appId}, true)`;
    await tx.app.delete({ where: { id: appId } });
  });
  forgetApiKeysOfApp(appId);
  forgetSdkApp(appId);
}
