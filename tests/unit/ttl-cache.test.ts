import { describe, expect, it } from "vitest";
import { createTtlCache } from "@/lib/ttl-cache";

function countingCache(options: { ttlMs?: number; maxEntries?: number } = {}) {
  const reads: string[] = [];
  let version = 0;
  const cache = createTtlCache<string | null>({
    name: `test-${crypto.randomUUID()}`,
    ttlMs: options.ttlMs ?? 1_000,
    maxEntries: options.maxEntries ?? 100,
    read: async (key) => {
      reads.push(key);
      version += 1;
      return key === "missing" ? null : `${key}@${version}`;
    },
  });
  return { cache, reads };
}

describe("createTtlCache", () => {
  it("answers from memory within the TTL and reads again after it", async () => {
    const { cache, reads } = countingCache({ ttlMs: 1_000 });
    expect(await cache.get("a", 10_000)).toBe("a@1");
    expect(await cache.get("a", 10_999)).toBe("a@1");
    expect(await cache.get("a", 11_000)).toBe("a@2");
    expect(reads).toEqual(["a", "a"]);
  });

  it("caches a miss like a hit", async () => {
    const { cache, reads } = countingCache();
    expect(await cache.get("missing", 0)).toBeNull();
    expect(await cache.get("missing", 500)).toBeNull();
    expect(reads).toEqual(["missing"]);
  });

  it("makes one read for a burst of requests", async () => {
    const { cache, reads } = countingCache();
    const values = await Promise.all(Array.from({ length: 20 }, () => cache.get("a", 0)));
    expect(new Set(values)).toEqual(new Set(["a@1"]));
    expect(reads).toEqual(["a"]);
  });

  it("does not trust an entry read after `now` (a clock that went back)", async () => {
    const { cache, reads } = countingCache();
    await cache.get("a", 5_000);
    expect(await cache.get("a", 4_000)).toBe("a@2");
    expect(reads).toHaveLength(2);
  });

  it("drops the oldest-read entry past maxEntries", async () => {
    const { cache, reads } = countingCache({ maxEntries: 2 });
    await cache.get("a", 0);
    await cache.get("b", 0);
    await cache.get("c", 0);
    await cache.get("b", 0);
    await cache.get("a", 0);
    expect(reads).toEqual(["a", "b", "c", "a"]);
  });

  it("forgets the entries whose value matches, and only those", async () => {
    const { cache, reads } = countingCache();
    await cache.get("a", 0);
    await cache.get("b", 0);
    cache.forget((value) => value?.startsWith("a@") ?? false);
    expect(await cache.get("a", 1)).toBe("a@3");
    expect(await cache.get("b", 1)).toBe("b@2");
    expect(reads).toEqual(["a", "b", "a"]);
  });
});
