import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { SdkApp } from "@/lib/apps/sdk-app-cache";
import { forgetSdkApp } from "@/lib/apps/sdk-app-cache";
import { recordAudit } from "@/lib/audit/record-audit";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import { AppError, fieldError } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";

// Identity verification, as OneSignal and Braze offer it: the web SDK knows
// only the app's public id, so without it any visitor could log in as any
// external id and receive that user's pushes. With it, an external id is
// taken only with the HMAC-SHA256 of the id under a secret that only the
// app's server and Herald hold.

const sealedFor = (appId: string) => `app:${appId}:identity-secret`;

export function identityHashOf(secret: string, externalId: string): string {
  return createHmac("sha256", secret).update(externalId, "utf8").digest("hex");
}

/**
 * A new secret for the app, returned this once (it is stored sealed). Hashes
 * made with the previous one stop working at once: the app's server must be
 * given the new one before identity verification is required again.
 */
export async function createIdentitySecret(
  appId: string,
  actor: Actor,
): Promise<{ secret: string }> {
  const secret = randomBytes(32).toString("base64url");
  await getDb().$transaction(async (tx) => {
    await tx.app.update({
      where: { id: appId },
      data: { identitySecret: sealSecret(secret, sealedFor(appId)) },
    });
    await recordAudit(tx, {
      appId,
      actor,
      action: "app.identity_secret_created",
      targetType: "app",
      targetId: appId,
    });
  });
  forgetSdkApp(appId);
  return { secret };
}

/** Refuses an SDK call claiming `externalId` without its server's signature, when the app asks for one. */
export function assertVerifiedIdentity(
  app: SdkApp,
  externalId: string,
  identityHash: string | undefined,
): void {
  if (!app.requireIdentityVerification) return;
  if (!identityHash) {
    throw fieldError(
      "identityHash",
      "is required: this app only accepts external ids signed by its server",
    );
  }
  const expected = app.identitySecret
    ? Buffer.from(
        identityHashOf(openSecret(app.identitySecret, sealedFor(app.id)), externalId),
        "hex",
      )
    : null;
  const given = Buffer.from(identityHash, "hex");
  if (!expected || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError("forbidden", "identityHash: does not match externalId", {
      fields: [{ field: "identityHash", message: "does not match externalId" }],
    });
  }
}
