import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { findActiveApiKey } from "@/lib/api-keys/api-key-cache";
import { hashApiKey, looksLikeApiKey } from "@/lib/auth/api-keys";
import { isSessionRevoked } from "@/lib/auth/revoked-sessions";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";

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

/**
 * The key's actor. Keys are cached in-process for a few seconds (see
 * lib/api-keys/api-key-cache.ts for how soon a revocation takes effect).
 */
export async function authenticateApiKey(token: string, now?: number): Promise<Actor> {
  if (!looksLikeApiKey(token)) throw apiKeyRequired();
  const key = await findActiveApiKey(hashApiKey(token), now);
  if (!key) throw apiKeyRequired();
  return { kind: "apiKey", apiKeyId: key.id, appId: key.appId, scopes: key.scopes };
}

export async function authenticateSession(request: NextRequest): Promise<Actor | null> {
  const token = await getToken({ req: request, secret: getEnv().AUTH_SECRET });
  if (!token?.uid || !token.email || !token.sid) return null;
  // The token outlives nothing: a deleted user or a signed-out session loses access at once.
  const [user, isRevoked] = await Promise.all([
    getDb().user.findUnique({ where: { id: token.uid }, select: { id: true } }),
    isSessionRevoked(token.sid),
  ]);
  if (!user || isRevoked) return null;
  return { kind: "user", userId: user.id, email: token.email };
}
