import { Redis, type RedisOptions } from "ioredis";
import { getEnv } from "@/lib/env";

const globalForRedis = globalThis as unknown as { heraldRedis?: Redis };

/**
 * Request-path connection: fails fast (a request must not hang on a dead
 * Redis). Workers build their own, patient connections in lib/queue.
 */
export function getRedis(): Redis {
  globalForRedis.heraldRedis ??= new Redis(getEnv().REDIS_URL, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  } satisfies RedisOptions);
  return globalForRedis.heraldRedis;
}

/** Every key Herald writes starts with the queue prefix, so a test run can clean up its own. */
export function redisKey(...parts: string[]): string {
  return [getEnv().HERALD_QUEUE_PREFIX, ...parts].join(":");
}

export async function disconnectRedis(): Promise<void> {
  const client = globalForRedis.heraldRedis;
  globalForRedis.heraldRedis = undefined;
  if (client) await client.quit().catch(() => client.disconnect());
}
