import { Redis } from "ioredis";
import { getEnv } from "@/lib/env";

const globalForQueue = globalThis as unknown as { heraldProducer?: Redis };

/**
 * Producers (the web app enqueuing a launch) fail fast: an HTTP request must
 * answer rather than hang while Redis is away.
 */
export function producerConnection(): Redis {
  globalForQueue.heraldProducer ??= new Redis(getEnv().REDIS_URL, {
    maxRetriesPerRequest: 2,
    connectTimeout: 3_000,
  });
  return globalForQueue.heraldProducer;
}

/**
 * Workers wait out a Redis restart instead of crashing: BullMQ requires
 * `maxRetriesPerRequest: null` on blocking connections.
 */
export function workerConnection(): Redis {
  return new Redis(getEnv().REDIS_URL, {
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}

export async function closeProducerConnection(): Promise<void> {
  const connection = globalForQueue.heraldProducer;
  globalForQueue.heraldProducer = undefined;
  await connection?.quit().catch(() => connection.disconnect());
}
