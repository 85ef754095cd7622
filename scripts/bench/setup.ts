// Shared set-up for the bench:* scripts: a throwaway database and queue
// prefix on the local services, exactly like a test run, removed at the end.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { applyMigrations } from "@/lib/db/schema-engine";
import { isBuildCurrent, markBuild, sourceDigest } from "@/scripts/stack/build";
import { findFreePort } from "@/scripts/stack/net";
import {
  createDatabaseIfMissing,
  dropDatabase,
  ensurePostgres,
  withDatabase,
} from "@/scripts/stack/postgres";
import { webServerLaunch } from "@/scripts/stack/processes";
import { deleteKeysWithPrefix, ensureRedis } from "@/scripts/stack/redis";

const root = join(import.meta.dirname, "../..");

export interface BenchStack {
  env: Record<string, string>;
  teardown(): Promise<void>;
}

export async function createBenchStack(name: string): Promise<BenchStack> {
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

/**
 * Where the benchmarks' production build goes. Engineers benchmarking side by
 * side in one working tree give each run its own (HERALD_BENCH_DIST_DIR=.herald/next-bench-<name>),
 * so one's build never wipes the other's running server.
 */
const benchDistDir = process.env.HERALD_BENCH_DIST_DIR || ".next-bench";

/**
 * What the bench's web server runs: `next build` into the bench dist dir
 * unless that build is of the current sources, and the server bundle (with
 * the worker's) afresh, which takes well under a second.
 */
export function buildWebAppIfNeeded(env: NodeJS.ProcessEnv): void {
  execFileSync(process.execPath, ["scripts/build-workers.mjs"], { cwd: root, stdio: "inherit" });
  const digest = sourceDigest(root);
  if (isBuildCurrent(root, benchDistDir, digest)) return;
  console.log(`building the web app into ${benchDistDir}…`);
  // next build adds its dist dir's types to tsconfig.json: a benchmark leaves the tree as it was.
  const tsconfig = join(root, "tsconfig.json");
  const tsconfigBefore = readFileSync(tsconfig, "utf8");
  try {
    execFileSync(join(root, "node_modules/.bin/next"), ["build"], {
      cwd: root,
      env: { ...env, HERALD_NEXT_DIST_DIR: benchDistDir, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    });
  } finally {
    if (readFileSync(tsconfig, "utf8") !== tsconfigBefore) writeFileSync(tsconfig, tsconfigBefore);
  }
  markBuild(root, benchDistDir, digest);
}

export interface BenchWebServer {
  /** http://127.0.0.1:<port>, to call it directly on loopback. */
  url: string;
  /** The server's process group. */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Herald's web server (workers/web-server.ts over the bench's Next build) in its own process group, its log
 * in `.herald/bench-<name>-server.log` to read when a request failed;
 * resolves once /api/health answers.
 */
export async function startBenchWebServer(
  env: NodeJS.ProcessEnv,
  name: string,
): Promise<BenchWebServer> {
  const port = await findFreePort(3400);
  const publicUrl = `http://localhost:${port}`;
  const log = openSync(join(root, `.herald/bench-${name}-server.log`), "w");
  const web = webServerLaunch(port);
  const server = spawn(web.command, web.args, {
    cwd: root,
    env: {
      ...env,
      ...web.env,
      HERALD_NEXT_DIST_DIR: benchDistDir,
      NEXT_TELEMETRY_DISABLED: "1",
      HERALD_PUBLIC_URL: publicUrl,
      NEXTAUTH_URL: publicUrl,
      LOG_LEVEL: "error",
    },
    detached: true,
    stdio: ["ignore", log, log],
  });
  const pid = server.pid ?? 0;
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    try {
      process.kill(-pid, "SIGTERM");
    } catch {}
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    try {
      process.kill(-pid, "SIGKILL");
    } catch {}
  };
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 240; attempt += 1) {
    if (server.exitCode !== null)
      throw new Error(`the web server exited (code ${server.exitCode})`);
    const ready = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, pid, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error("the web server did not answer /api/health within a minute");
}

/** Resident memory now, summed over a process group (MB). */
export async function processGroupRssMb(pgid: number): Promise<number> {
  const { readdir, readFile } = await import("node:fs/promises");
  let total = 0;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces): state ppid pgrp …
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const status = await readFile(`/proc/${entry}/status`, "utf8");
      const match = status.match(/^VmRSS:\s+(\d+) kB/m);
      total += match?.[1] ? Number(match[1]) / 1024 : 0;
    } catch {}
  }
  return total;
}

/** Resident memory of one process now (MB). */
export async function rssMb(pid: number): Promise<number | null> {
  const { readFile } = await import("node:fs/promises");
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const match = status.match(/^VmRSS:\s+(\d+) kB/m);
    return match?.[1] ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The 1, 5 and 15 minute load averages, as `uptime` shows them. */
export async function loadAverages(): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  return (await readFile("/proc/loadavg", "utf8")).split(" ").slice(0, 3).join(" ");
}
