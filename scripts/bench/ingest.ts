// npm run bench:ingest — drives POST /api/v1/events of a real `next start`
// from a second process on loopback: single-event requests, then batches;
// prints events/s and p50/p99 latency, and checks that no accepted event is lost.
import { execFileSync, spawn } from "node:child_process";
import { openSync } from "node:fs";
import { join } from "node:path";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { createApp } from "@/lib/apps/create-app";
import { disconnectDb, getDb } from "@/lib/db/client";
import { disconnectRedis } from "@/lib/redis";
import { isBuildCurrent, markBuild, sourceDigest } from "@/scripts/stack/build";
import { findFreePort } from "@/scripts/stack/net";
import { createBenchStack, parseFlags } from "./setup";

const root = join(import.meta.dirname, "../..");
const flags = parseFlags(process.argv.slice(2));
const seconds = Number(flags.seconds ?? 20);
const subscribers = Number(flags.subscribers ?? 10_000);

interface LoadResult {
  requests: number;
  events: number;
  requestsPerSecond: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

function runLoad(args: string[]): LoadResult {
  const output = execFileSync(
    process.execPath,
    [join(root, "scripts/bench/ingest-load.mjs"), ...args],
    {
      encoding: "utf8",
    },
  );
  return JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as LoadResult;
}

const stack = await createBenchStack("ingest");
const env = {
  ...process.env,
  ...stack.env,
  HERALD_NEXT_DIST_DIR: ".next-bench",
  NEXT_TELEMETRY_DISABLED: "1",
};
const digest = sourceDigest(root);
if (!isBuildCurrent(root, ".next-bench", digest)) {
  console.log("building the web app…");
  execFileSync(join(root, "node_modules/.bin/next"), ["build"], {
    cwd: root,
    env,
    stdio: "ignore",
  });
  markBuild(root, ".next-bench", digest);
}
const port = await findFreePort(3400);
// The server's own log, to read when a request failed.
const serverLog = openSync(join(root, ".herald/bench-ingest-server.log"), "w");
const server = spawn(join(root, "node_modules/.bin/next"), ["start", "-p", String(port)], {
  cwd: root,
  env: {
    ...env,
    HERALD_PUBLIC_URL: `http://localhost:${port}`,
    NEXTAUTH_URL: `http://localhost:${port}`,
    LOG_LEVEL: "error",
  },
  detached: true,
  stdio: ["ignore", serverLog, serverLog],
});

try {
  const db = getDb();
  const user = await db.user.create({
    data: { email: `bench-${Date.now()}@herald.local`, name: "Bench", passwordHash: "x" },
  });
  const actor = { kind: "user" as const, userId: user.id, email: user.email };
  const app = await createApp(
    { name: "Ingest bench", defaultTimezone: "UTC", allowedOrigins: [] },
    actor,
    actor,
  );
  const { key } = await createApiKey(app.id, { name: "bench", scopes: ["ingest"] }, actor);
  await db.$executeRaw`
    INSERT INTO subscribers ("appId", "externalId", "updatedAt")
    SELECT ${app.id}, 'bench-' || n, now() FROM generate_series(0, ${subscribers - 1}) AS n`;
  const url = `http://127.0.0.1:${port}/api/v1/events`;
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const ready = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // Warm the route (first requests compile and connect).
  runLoad([url, key, "single", "4", "3", String(subscribers), "1"]);
  const before = await db.event.count({ where: { appId: app.id } });

  const single = runLoad([
    url,
    key,
    "single",
    String(flags.concurrency ?? 32),
    String(seconds),
    String(subscribers),
    "1",
  ]);
  const batched = runLoad([
    url,
    key,
    "batch",
    String(flags["batch-concurrency"] ?? 4),
    String(seconds),
    String(subscribers),
    String(flags["batch-size"] ?? 1000),
  ]);
  const stored = (await db.event.count({ where: { appId: app.id } })) - before;
  const accepted = single.events + batched.events;
  console.log(`
Event ingestion through POST /api/v1/events (next start, loopback, ${subscribers.toLocaleString()} subscribers)
  single events   ${single.requestsPerSecond.toFixed(0)} requests/s   p50 ${single.p50.toFixed(1)} ms   p99 ${single.p99.toFixed(1)} ms   statuses ${JSON.stringify(single.statuses)}
  batches of ${flags["batch-size"] ?? 1000}   ${batched.eventsPerSecond.toFixed(0)} events/s   p50 ${batched.p50.toFixed(1)} ms   p99 ${batched.p99.toFixed(1)} ms   statuses ${JSON.stringify(batched.statuses)}
  accepted ${accepted}   stored ${stored}   lost ${accepted - stored}
`);
  if (accepted !== stored) process.exitCode = 1;
} finally {
  try {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  } catch {}
  await disconnectRedis();
  await disconnectDb();
  await stack.teardown();
}
