import { spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";
import { findFreePort, isListening } from "./net";

export interface RedisServer {
  url: string;
  origin: "REDIS_URL" | "local server" | "started redis-server";
  stop(): Promise<void>;
}

async function ping(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_500,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * BullMQ needs `noeviction`: under memory pressure Redis would otherwise
 * silently drop queued jobs, which is a lost recipient.
 */
export async function checkEvictionPolicy(url: string): Promise<string | null> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const reply = (await client.config("GET", "maxmemory-policy")) as string[];
    const policy = reply[1];
    return policy && policy !== "noeviction"
      ? `Redis maxmemory-policy is ${policy}; BullMQ needs noeviction or queued sends may vanish`
      : null;
  } catch {
    return null;
  } finally {
    client.disconnect();
  }
}

/** REDIS_URL if set; else Redis on 6379; else a redis-server we start in `.herald/redis`. */
export async function ensureRedis(
  stateDir: string,
  log: (line: string) => void,
): Promise<RedisServer> {
  const configured = process.env.REDIS_URL;
  if (configured) return { url: configured, origin: "REDIS_URL", stop: async () => {} };
  if ((await isListening("127.0.0.1", 6379)) && (await ping("redis://127.0.0.1:6379"))) {
    return { url: "redis://127.0.0.1:6379", origin: "local server", stop: async () => {} };
  }
  const hasServer = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
  if (!hasServer) {
    throw new Error(
      "Herald needs Redis. Set REDIS_URL, run Redis on 127.0.0.1:6379, or install redis-server " +
        "(apt-get install redis-server / brew install redis) so Herald can start one itself.",
    );
  }
  const dir = join(stateDir, "redis");
  mkdirSync(dir, { recursive: true });
  const port = await findFreePort(6390);
  log(`No Redis configured or reachable: starting redis-server on port ${port}`);
  const child = spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--appendonly",
      "yes",
      "--maxmemory-policy",
      "noeviction",
    ],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 50 && !(await ping(url)); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    origin: "started redis-server",
    stop: async () => {
      child.kill("SIGTERM");
    },
  };
}

/** Deletes only keys under our prefix (which holds a random run id): the server may be shared. */
export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<number> {
  const client = new Redis(url);
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) deleted += await client.del(...keys);
    } while (cursor !== "0");
  } finally {
    client.disconnect();
  }
  return deleted;
}
