import { randomBytes } from "node:crypto";
import { type AppDto, toAppDto } from "@/lib/apps/app-dto";
import type { CreateAppInput } from "@/lib/apps/schemas";
import { recordAudit } from "@/lib/audit/record-audit";
import { generatedVapidCredential, sealCredentialSecret } from "@/lib/credentials/vapid";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/http/actor";

/** A public id for the SDK: unguessable enough that apps cannot be enumerated. */
function newPublicId(): string {
  return `app_${randomBytes(12).toString("base64url")}`;
}

/**
 * Creates an app with the caller as owner. Web push works out of the box: a
 * VAPID key pair is generated now, as OneSignal does, and can be replaced.
 */
export async function createApp(
  input: CreateAppInput,
  owner: { userId: string; email: string },
  actor: Actor,
  options: { isDemo?: boolean } = {},
): Promise<AppDto> {
  const vapid = generatedVapidCredential(`mailto:${owner.email}`);
  return getDb().$transaction(async (tx) => {
    const app = await tx.app.create({
      data: {
        publicId: newPublicId(),
        name: input.name,
        defaultTimezone: input.defaultTimezone,
        allowedOrigins: input.allowedOrigins,
        isDemo: options.isDemo ?? false,
        memberships: { create: { userId: owner.userId, role: "owner" } },
      },
    });
    await tx.pushCredential.create({
      data: {
        appId: app.id,
        platform: "web",
        publicConfig: vapid.publicConfig,
        encryptedSecret: sealCredentialSecret(app.id, "web", vapid.secret),
      },
    });
    await recordAudit(tx, {
      appId: app.id,
      actor,
      action: "app.created",
      targetType: "app",
      targetId: app.id,
      metadata: { name: app.name },
    });
    return toAppDto(app, "owner");
  });
}
