// Shared set-up for the bench:* scripts: a throwaway database and queue
// prefix on the local services, exactly like a test run, removed at the end.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { applyMigrations } from "@/lib/db/schema-engine";
import {
  createDatabaseIfMissing,
  dropDatabase,
  ensurePostgres,
  withDatabase,
} from "@/scripts/stack/postgres";
import { deleteKeysWithPrefix, ensureRedis } from "@/scripts/stack/redis";

export interface BenchStack {
  env: Record<string, string>;
  teardown(): Promise<void>;
}

export async function createBenchStack(name: string): Promise<BenchStack> {
  const root = join(import.meta.dirname, "../..");
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const postgres = await ensurePostgres(join(root, ".herald"), (line) => console.log(line));
  const redis = await ensureRedis(join(root, ".herald"), (line) => console.log(line));
  const database = `herald_bench_${name}_${runId}`;
  await createDatabaseIfMissing(postgres.adminUrl, database);
  const databaseUrl = withDatabase(postgres.adminUrl, database);
  await applyMigrations(databaseUrl);
  const prefix = `herald-bench-${runId}`;
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    HERALD_QUEUE_PREFIX: prefix,
    HERALD_MASTER_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
    NODE_ENV: "production",
  };
  Object.assign(process.env, env);
  return {
    env,
    teardown: async () => {
      if (process.env.HERALD_KEEP_BENCH_DATABASE) {
        console.log(`kept database ${database}`);
      } else {
        await dropDatabase(postgres.adminUrl, database);
      }
      await deleteKeysWithPrefix(redis.url, prefix);
      await redis.stop();
      await postgres.stop();
    },
  };
}

export function parseFlags(argv: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (!arg?.startsWith("--")) continue;
    const [key, inline] = arg.slice(2).split("=", 2);
    if (!key) continue;
    flags[key] = inline ?? argv[index + 1] ?? "";
    if (inline === undefined) index += 1;
  }
  return flags;
}

/** Peak resident set of a process, from the kernel's high-water mark. */
export async function peakRssMb(pid: number): Promise<number | null> {
  const { readFile } = await import("node:fs/promises");
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const match = status.match(/^VmHWM:\s+(\d+) kB/m);
    return match?.[1] ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
