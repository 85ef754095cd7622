import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { hashApiKey, looksLikeApiKey } from "@/lib/auth/api-keys";
import { type ApiKeyScope, apiKeyScopes } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";

const LAST_USED_RESOLUTION_MS = 60_000;

export function bearerToken(request: NextRequest): string | null {
  const header = request.headers.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/**
 * One answer for a missing, malformed, unknown or revoked key, so a caller
 * probing keys learns nothing about which of those it hit.
 */
export function apiKeyRequired(): AppError {
  return new AppError("unauthorized", "Send a valid API key as `Authorization: Bearer <key>`");
}

export async function authenticateApiKey(token: string): Promise<Actor> {
  if (!looksLikeApiKey(token)) throw apiKeyRequired();
  const db = getDb();
  const key = await db.apiKey.findUnique({ where: { hash: hashApiKey(token) } });
  if (!key || key.revokedAt) throw apiKeyRequired();
  // Touch lastUsedAt at most once a minute: a hot key must not turn every
  // request into a row write.
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  }
  const scopes = key.scopes.filter((scope): scope is ApiKeyScope =>
    (apiKeyScopes as readonly string[]).includes(scope),
  );
  return { kind: "apiKey", apiKeyId: key.id, appId: key.appId, scopes };
}

export async function authenticateSession(request: NextRequest): Promise<Actor | null> {
  const token = await getToken({ req: request, secret: getEnv().AUTH_SECRET });
  if (!token?.uid || !token.email) return null;
  // The token outlives nothing: a deleted user loses access at once.
  const user = await getDb().user.findUnique({ where: { id: token.uid }, select: { id: true } });
  if (!user) return null;
  return { kind: "user", userId: user.id, email: token.email };
}
