import { recordAudit } from "@/lib/audit/record-audit";
import { openSecret } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { Platform } from "@/lib/db/generated/enums";
import { requeueSendingCampaigns } from "@/lib/delivery/requeue";
import { notFound } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import type { ApnsSecret, CredentialUpload, FcmSecret, WebPushSecret } from "./schemas";
import { validateApnsKey, validateFcmServiceAccount } from "./validate";
import {
  credentialAssociatedData,
  generatedVapidCredential,
  sealCredentialSecret,
  validateVapidKeys,
} from "./vapid";

/** What may be shown about a credential: never the secret itself. */
export interface CredentialDto {
  platform: Platform;
  configured: boolean;
  details: Record<string, string | boolean>;
  status: "ok" | "failing" | "missing";
  failureReason: string | null;
  updatedAt: string | null;
}

const platforms: Platform[] = ["web", "ios", "android"];

export async function listCredentials(appId: string): Promise<CredentialDto[]> {
  const rows = await getDb().pushCredential.findMany({ where: { appId } });
  return platforms.map((platform) => {
    const row = rows.find((candidate) => candidate.platform === platform);
    if (!row) {
      return {
        platform,
        configured: false,
        details: {},
        status: "missing",
        failureReason: null,
        updatedAt: null,
      };
    }
    return {
      platform,
      configured: true,
      details: row.publicConfig as Record<string, string | boolean>,
      status: row.status,
      failureReason: row.failureReason,
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

function prepare(upload: CredentialUpload): {
  publicConfig: Prisma.InputJsonObject;
  secret: object;
} {
  switch (upload.platform) {
    case "web": {
      if ("generate" in upload.input) return generatedVapidCredential(upload.input.subject);
      const secret = validateVapidKeys(upload.input);
      return { publicConfig: { publicKey: secret.publicKey, subject: secret.subject }, secret };
    }
    case "android": {
      const secret = validateFcmServiceAccount(upload.input);
      return {
        publicConfig: { projectId: secret.projectId, clientEmail: secret.clientEmail },
        secret,
      };
    }
    case "ios": {
      const secret = validateApnsKey(upload.input);
      return {
        publicConfig: {
          keyId: secret.keyId,
          teamId: secret.teamId,
          bundleId: secret.bundleId,
          production: secret.production,
        },
        secret,
      };
    }
  }
}

/** Validates, encrypts and stores a credential; a new upload also clears a failing status. */
export async function saveCredential(
  appId: string,
  upload: CredentialUpload,
  actor: Actor,
): Promise<CredentialDto> {
  const { publicConfig, secret } = prepare(upload);
  const encryptedSecret = sealCredentialSecret(appId, upload.platform, secret);
  const wasFailing = await getDb().$transaction(async (tx) => {
    const before = await tx.pushCredential.findUnique({
      where: { appId_platform: { appId, platform: upload.platform } },
      select: { status: true },
    });
    await tx.pushCredential.upsert({
      where: { appId_platform: { appId, platform: upload.platform } },
      create: { appId, platform: upload.platform, publicConfig, encryptedSecret },
      update: { publicConfig, encryptedSecret, status: "ok", failureReason: null, failedAt: null },
    });
    await recordAudit(tx, {
      appId,
      actor,
      action: "credential.saved",
      targetType: "push_credential",
      targetId: upload.platform,
    });
    return before?.status === "failing";
  });
  // The platform's rows waited for this fix: they go now, not at the reconciler's next pass.
  if (wasFailing) await requeueSendingCampaigns(appId);
  const saved = (await listCredentials(appId)).find((dto) => dto.platform === upload.platform);
  if (!saved) throw notFound(`${upload.platform} credential`);
  return saved;
}

export async function deleteCredential(
  appId: string,
  platform: Platform,
  actor: Actor,
): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.pushCredential.deleteMany({ where: { appId, platform } });
    if (count === 0) throw notFound(`The ${platform} credential`);
    await recordAudit(tx, {
      appId,
      actor,
      action: "credential.deleted",
      targetType: "push_credential",
      targetId: platform,
    });
  });
}

export type CredentialSecret<P extends Platform> = P extends "web"
  ? WebPushSecret
  : P extends "android"
    ? FcmSecret
    : ApnsSecret;

/** Decrypts a credential for sending. Worker-side only; the result must never be logged. */
export async function loadCredentialSecret<P extends Platform>(
  appId: string,
  platform: P,
): Promise<CredentialSecret<P> | null> {
  const row = await getDb().pushCredential.findUnique({
    where: { appId_platform: { appId, platform } },
    select: { encryptedSecret: true },
  });
  if (!row) return null;
  return JSON.parse(
    openSecret(row.encryptedSecret, credentialAssociatedData(appId, platform)),
  ) as CredentialSecret<P>;
}
