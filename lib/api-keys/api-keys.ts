import { forgetApiKey } from "@/lib/api-keys/api-key-cache";
import { recordAudit } from "@/lib/audit/record-audit";
import { generateApiKey } from "@/lib/auth/api-keys";
import { getDb } from "@/lib/db/client";
import type { ApiKey } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import type { CreateApiKeyInput } from "./schemas";

export interface ApiKeyDto {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function toDto(key: ApiKey): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export async function listApiKeys(appId: string): Promise<ApiKeyDto[]> {
  const keys = await getDb().apiKey.findMany({ where: { appId }, orderBy: { createdAt: "desc" } });
  return keys.map(toDto);
}

/** Returns the full key exactly once; only its hash is kept. */
export async function createApiKey(
  appId: string,
  input: CreateApiKeyInput,
  actor: Actor,
): Promise<{ apiKey: ApiKeyDto; key: string }> {
  const generated = generateApiKey();
  const apiKey = await getDb().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        appId,
        name: input.name,
        prefix: generated.prefix,
        hash: generated.hash,
        scopes: [...new Set(input.scopes)],
        createdById: actor.kind === "user" ? actor.userId : null,
      },
    });
    await recordAudit(tx, {
      appId,
      actor,
      action: "api_key.created",
      targetType: "api_key",
      targetId: created.id,
      metadata: { name: created.name, scopes: created.scopes },
    });
    return created;
  });
  return { apiKey: toDto(apiKey), key: generated.key };
}

export async function revokeApiKey(appId: string, keyId: string, actor: Actor): Promise<ApiKeyDto> {
  const revoked = await getDb().$transaction(async (tx) => {
    const existing = await tx.apiKey.findFirst({ where: { id: keyId, appId } });
    if (!existing) throw notFound(`API key ${keyId}`);
    if (existing.revokedAt) return toDto(existing);
    const revoked = await tx.apiKey.update({
      where: { id: keyId },
      data: { revokedAt: new Date() },
    });
    await recordAudit(tx, {
      appId,
      actor,
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: keyId,
      metadata: { name: revoked.name },
    });
    return toDto(revoked);
  });
  // At once here; other processes drop it when their cached copy expires.
  forgetApiKey(keyId);
  return revoked;
}
