import { describe, expect, it } from "vitest";
import { API_KEY_CACHE_TTL_MS, LAST_USED_RESOLUTION_MS } from "@/lib/api-keys/api-key-cache";
import { revokeApiKey } from "@/lib/api-keys/api-keys";
import { deleteApp } from "@/lib/apps/delete-app";
import { hashApiKey } from "@/lib/auth/api-keys";
import { getDb } from "@/lib/db/client";
import { authenticateApiKey } from "@/lib/http/authenticate";
import { createTestApiKey, createTestApp } from "@/tests/support/factories";

// The request path answers API keys from an in-process cache. These pin its
// promises with an explicit clock: what another process does reaches this one
// within API_KEY_CACHE_TTL_MS; what this process does takes effect at once.

async function isAccepted(key: string, now: number): Promise<boolean> {
  return authenticateApiKey(key, now).then(
    () => true,
    () => false,
  );
}

/** What a revocation by another web process looks like from here: the row changes, nothing else. */
async function revokeElsewhere(key: string): Promise<void> {
  await getDb().apiKey.update({
    where: { hash: hashApiKey(key) },
    data: { revokedAt: new Date() },
  });
}

describe("API key cache", () => {
  it("drops a key revoked by another process once its cached copy is older than the bound", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["ingest"]);
    const start = Date.now();
    expect(await authenticateApiKey(key, start)).toMatchObject({ kind: "apiKey", appId: app.id });

    await revokeElsewhere(key);
    // Still trusted from memory just inside the bound…
    expect(await isAccepted(key, start + API_KEY_CACHE_TTL_MS - 1)).toBe(true);
    // …and refused from the bound on, for good.
    expect(await isAccepted(key, start + API_KEY_CACHE_TTL_MS)).toBe(false);
    expect(await isAccepted(key, start + API_KEY_CACHE_TTL_MS + 1)).toBe(false);
  });

  it("drops a key at once when this process revokes it or deletes its app", async () => {
    const app = await createTestApp();
    const revoked = await createTestApiKey(app, ["read"]);
    const kept = await createTestApiKey(app, ["read"]);
    const now = Date.now();
    expect(await isAccepted(revoked, now)).toBe(true);
    expect(await isAccepted(kept, now)).toBe(true);
    const row = await getDb().apiKey.findUniqueOrThrow({ where: { hash: hashApiKey(revoked) } });
    await revokeApiKey(app.id, row.id, {
      kind: "user",
      userId: app.owner.id,
      email: app.owner.email,
    });
    expect(await isAccepted(revoked, now)).toBe(false);
    expect(await isAccepted(kept, now)).toBe(true);

    await deleteApp(app.id, app.name);
    expect(await isAccepted(kept, now)).toBe(false);
  });

  it("does not cache a key as unknown past the bound either", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["read"]);
    const start = Date.now();
    await revokeElsewhere(key);
    expect(await isAccepted(key, start)).toBe(false);
    // Un-revoking is not a feature, but it shows the refusal is re-read after the bound.
    await getDb().apiKey.update({ where: { hash: hashApiKey(key) }, data: { revokedAt: null } });
    expect(await isAccepted(key, start + API_KEY_CACHE_TTL_MS - 1)).toBe(false);
    expect(await isAccepted(key, start + API_KEY_CACHE_TTL_MS)).toBe(true);
  });

  it("records a key's use at most once a minute", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["read"]);
    const lastUsedAt = async () =>
      (await getDb().apiKey.findUniqueOrThrow({ where: { hash: hashApiKey(key) } })).lastUsedAt;
    const start = Date.now();
    await authenticateApiKey(key, start);
    expect(await lastUsedAt()).toEqual(new Date(start));
    // Used again within the minute (and after the cache re-read the row): not written again.
    await authenticateApiKey(key, start + API_KEY_CACHE_TTL_MS + 1);
    await authenticateApiKey(key, start + LAST_USED_RESOLUTION_MS);
    expect(await lastUsedAt()).toEqual(new Date(start));
    // Past the minute: written again.
    await authenticateApiKey(key, start + LAST_USED_RESOLUTION_MS + 1);
    expect(await lastUsedAt()).toEqual(new Date(start + LAST_USED_RESOLUTION_MS + 1));
  });
});
