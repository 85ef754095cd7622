import { createHash, randomBytes } from "node:crypto";

const KEY_PREFIX = "hk_";

export interface GeneratedApiKey {
  /** The whole key: shown to its creator once, never stored. */
  key: string;
  /** What the dashboard shows to tell keys apart. */
  prefix: string;
  hash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, KEY_PREFIX.length + 8), hash: hashApiKey(key) };
}

// A key has 256 bits of entropy, so a fast hash is enough: no one can
// brute-force it, and lookups by hash stay a unique-index hit.
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(KEY_PREFIX) && value.length > 20;
}
