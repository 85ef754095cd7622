import { type ApiKeyScope, apiKeyScopes } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { createTtlCache } from "@/lib/ttl-cache";

/**
 * How long a process trusts what it read about a key. A key revoked (or whose
 * app is deleted) through this process stops working at once; through another
 * process it stops here within this time, when the cached entry expires. The
 * same bound applies to a key's scopes.
 */
export const API_KEY_CACHE_TTL_MS = 5_000;

/** lastUsedAt is a "roughly when" for the dashboard: written at most once a minute. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface ActiveApiKey {
  id: string;
  appId: string;
  scopes: ApiKeyScope[];
}

interface KnownKey {
  /** Null for an unknown or revoked key. */
  key: ActiveApiKey | null;
  /** When lastUsedAt was last stored (by any process, as of reading) or null if never. */
  lastUsedAt: number | null;
}

const keys = createTtlCache<KnownKey>({
  name: "api-keys",
  ttlMs: API_KEY_CACHE_TTL_MS,
  maxEntries: 10_000,
  read: async (hash) => {
    const row = await getDb().apiKey.findUnique({
      where: { hash },
      select: { id: true, appId: true, scopes: true, revokedAt: true, lastUsedAt: true },
    });
    return {
      key:
        row && !row.revokedAt
          ? {
              id: row.id,
              appId: row.appId,
              scopes: row.scopes.filter((scope): scope is ApiKeyScope =>
                (apiKeyScopes as readonly string[]).includes(scope),
              ),
            }
          : null,
      lastUsedAt: row?.lastUsedAt?.getTime() ?? null,
    };
  },
});

/**
 * The active key with this hash, or null. Answers from memory for
 * API_KEY_CACHE_TTL_MS after reading the database, so a hot key costs no
 * query; records the key's use at most once a minute.
 */
export async function findActiveApiKey(
  hash: string,
  now: number = Date.now(),
): Promise<ActiveApiKey | null> {
  const entry = await keys.get(hash, now);
  const { key } = entry;
  if (!key) return null;
  if (entry.lastUsedAt === null || now - entry.lastUsedAt > LAST_USED_RESOLUTION_MS) {
    // Claimed before the write, so concurrent requests of this process write once;
    // the condition keeps other processes from writing it again within the minute.
    entry.lastUsedAt = now;
    const usedAt = new Date(now);
    const staleBefore = new Date(now - LAST_USED_RESOLUTION_MS);
    await getDb()
      .apiKey.updateMany({
        where: {
          id: key.id,
          OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }],
        },
        data: { lastUsedAt: usedAt },
      })
      .catch((error: unknown) => {
        // Bookkeeping only: a failed write must not fail the request it rides on.
        logger.warn({ err: error, apiKeyId: key.id }, "could not record an API key's use");
      });
  }
  return key;
}

/** Forgets a key at once in this process (after it is revoked). */
export function forgetApiKey(keyId: string): void {
  keys.forget((known) => known.key?.id === keyId);
}

/** Forgets every key of an app at once in this process (after the app is deleted). */
export function forgetApiKeysOfApp(appId: string): void {
  keys.forget((known) => known.key?.appId === appId);
}
