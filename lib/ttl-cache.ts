/**
 * A per-process cache of database reads on a hot path (API keys, the SDK's
 * app), trusted for `ttlMs` after each read. A burst of requests for an
 * expired entry makes one read; misses are cached like hits (a client
 * retrying with a dead key or app id costs one read per TTL); past
 * `maxEntries` the oldest entry goes.
 */
export interface TtlCache<Value> {
  /** The cached value if read less than the TTL before `now`, else a fresh read. */
  get(key: string, now?: number): Promise<Value>;
  /** Drops every entry whose value matches, so this process reads it afresh at once. */
  forget(matches: (value: Value) => boolean): void;
}

interface Entry<Value> {
  value: Value;
  loadedAt: number;
}

export function createTtlCache<Value>(options: {
  /** Names the process-wide map: Next can load one module in several bundles. */
  name: string;
  ttlMs: number;
  maxEntries: number;
  read: (key: string) => Promise<Value>;
}): TtlCache<Value> {
  const global = globalThis as unknown as Record<string, Map<string, Entry<Value>> | undefined>;
  const globalKey = `herald:ttl-cache:${options.name}`;
  global[globalKey] ??= new Map();
  const entries = global[globalKey];
  const loading = new Map<string, Promise<Value>>();

  async function read(key: string, now: number): Promise<Value> {
    const value = await options.read(key);
    // Re-inserted so the map's order stays oldest-read first.
    entries.delete(key);
    if (entries.size >= options.maxEntries) {
      const oldest = entries.keys().next();
      if (!oldest.done) entries.delete(oldest.value);
    }
    entries.set(key, { value, loadedAt: now });
    return value;
  }

  return {
    get(key, now = Date.now()) {
      const entry = entries.get(key);
      // A clock that went back (or a caller's `now` before the read) is not trusted.
      if (entry && now >= entry.loadedAt && now - entry.loadedAt < options.ttlMs) {
        return Promise.resolve(entry.value);
      }
      let pending = loading.get(key);
      if (!pending) {
        pending = read(key, now).finally(() => loading.delete(key));
        loading.set(key, pending);
      }
      return pending;
    },
    forget(matches) {
      for (const [key, entry] of entries) {
        if (matches(entry.value)) entries.delete(key);
      }
    },
  };
}
