// npm run bench:ingest — drives POST /api/v1/events of Herald's real web server
// from a second process on loopback: single-event requests, then batches,
// then the web SDK's push receipts (POST /api/v1/sdk/{publicId}/receipts, one
// per delivered push); prints events/s and p50/p99 latency, and checks that no
// accepted event is lost. `--phases batches` (or any comma-separated subset of
// single, batches, receipts) runs only those.
// With each figure: the load average, and the CPU each process spent per
// request (web server, PostgreSQL backends, Redis, the load generator), which
// is what to compare on a shared machine and what says where the time goes.
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { createApp } from "@/lib/apps/create-app";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { disconnectDb, getDb } from "@/lib/db/client";
import { issueDeviceToken } from "@/lib/devices/sdk-device-token";
import type { Actor } from "@/lib/http/actor";
import { disconnectRedis } from "@/lib/redis";
import {
  backendsCpuDelta,
  databaseBackendsCpu,
  loadAverage,
  processCpuSeconds,
  redisCpuSeconds,
} from "./cpu-usage";
import { buildWebAppIfNeeded, createBenchStack, parseFlags, startBenchWebServer } from "./setup";

const root = join(import.meta.dirname, "../..");
const flags = parseFlags(process.argv.slice(2));
const seconds = Number(flags.seconds ?? 20);
const subscribers = Number(flags.subscribers ?? 10_000);
/** Web devices, each with a delivered push to report: more than the receipts phase can send. */
const receiptDevices = Number(flags.receipts ?? 30_000);
const allPhases = ["single", "batches", "receipts"] as const;
type Phase = (typeof allPhases)[number];
/** `--phases batches` (or any comma-separated subset) runs only those. */
const selectedPhases = (flags.phases ?? allPhases.join(",")).split(",");
for (const phase of selectedPhases) {
  if (!(allPhases as readonly string[]).includes(phase)) {
    throw new Error(`--phases takes ${allPhases.join(", ")}; not ${phase}`);
  }
}

interface LoadResult {
  requests: number;
  events: number;
  requestsPerSecond: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  clientCpuSeconds: number;
}

/** CPU seconds of every process in a process group. */
async function processGroupCpuSeconds(pgid: number): Promise<number> {
  let total = 0;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) total += (await processCpuSeconds(Number(entry))) ?? 0;
    } catch {}
  }
  return total;
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

/**
 * Web devices spread over the subscribers, each registered with an SDK token,
 * last seen an hour ago, and sent one push (a completed campaign): what their
 * service workers report. Answers the load generator's receipts file.
 */
async function seedDeliveredPushes(appId: string, actor: Actor): Promise<string> {
  const db = getDb();
  const devices = await db.$queryRaw<{ id: bigint; subscriberId: bigint }[]>`
    INSERT INTO devices ("appId", "subscriberId", platform, address, "lastSeenAt", "updatedAt")
    SELECT ${appId}, s.id, 'web', 'https://push.invalid/bench/' || g.i, now() - interval '1 hour', now()
    FROM generate_series(0, ${receiptDevices - 1}) AS g(i)
    JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM subscribers WHERE "appId" = ${appId}) s
      ON s.n = g.i % ${subscribers}
    RETURNING id, "subscriberId"`;
  const tokens = devices.map((device) => issueDeviceToken(device.id));
  await db.$executeRaw`
    UPDATE devices SET "sdkTokenHash" = t.hash
    FROM unnest(${devices.map((device) => device.id)}::bigint[], ${tokens.map((token) => token.hash)}::text[]) AS t(id, hash)
    WHERE devices.id = t.id`;
  const { id: campaignId } = await createCampaign(
    appId,
    createCampaignSchema.parse({ name: "Receipts", variants: [{ content: { title: "Hi" } }] }),
    actor,
  );
  await db.campaign.update({
    where: { id: campaignId },
    data: { status: "completed", launchedAt: new Date(), completedAt: new Date() },
  });
  const deliveries = await db.$queryRaw<{ id: bigint; deviceId: bigint }[]>`
    INSERT INTO deliveries ("appId", "campaignId", "subscriberId", "deviceId", platform, status, "sentAt")
    SELECT ${appId}, ${campaignId}, d."subscriberId", d.id, 'web', 'sent', now()
    FROM devices d WHERE d."appId" = ${appId}
    RETURNING id, "deviceId"`;
  const tokenOf = new Map(devices.map((device, index) => [device.id, tokens[index]?.token]));
  const file = join(await mkdtemp(join(tmpdir(), "herald-receipts-")), "receipts.json");
  await writeFile(
    file,
    JSON.stringify(
      deliveries.map((delivery) => ({
        token: tokenOf.get(delivery.deviceId),
        deliveryId: delivery.id.toString(),
      })),
    ),
  );
  return file;
}

const stack = await createBenchStack("ingest");
const env = { ...process.env, ...stack.env };
buildWebAppIfNeeded(env);
const server = await startBenchWebServer(env, "ingest").catch(async (error: unknown) => {
  await stack.teardown();
  throw error;
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
  const receiptsFile = await seedDeliveredPushes(app.id, actor);
  const url = `${server.url}/api/v1/events`;
  const databaseUrl = stack.env.DATABASE_URL ?? "";
  const redisUrl = stack.env.REDIS_URL ?? "";
  const measure = async (args: string[]) => {
    const web = await processGroupCpuSeconds(server.pid);
    const backends = await databaseBackendsCpu(databaseUrl);
    const redis = await redisCpuSeconds(redisUrl);
    const loadBefore = await loadAverage();
    const result = runLoad(args);
    const redisAfter = await redisCpuSeconds(redisUrl);
    const perRequest = (seconds: number) => (seconds * 1000) / result.requests;
    const parts = {
      web: perRequest((await processGroupCpuSeconds(server.pid)) - web),
      postgres: perRequest(backendsCpuDelta(backends, await databaseBackendsCpu(databaseUrl))),
      redis: redis === null || redisAfter === null ? 0 : perRequest(redisAfter - redis),
      client: perRequest(result.clientCpuSeconds),
    };
    const total = parts.web + parts.postgres + parts.redis + parts.client;
    // What two otherwise idle cores could serve, the load generator included.
    const ceiling = 2000 / total;
    const cpu = `web ${parts.web.toFixed(2)}, postgres ${parts.postgres.toFixed(2)}, redis ${parts.redis.toFixed(2)} (all its users), load generator ${parts.client.toFixed(2)}; two idle cores ≈ ${ceiling.toFixed(0)} requests/s`;
    return { ...result, cpu, load: `${loadBefore} → ${await loadAverage()}` };
  };
  // Warm up at full concurrency: the first requests compile routes, JIT the
  // hot path and prepare the statement on each pooled connection.
  runLoad([url, key, "single", String(flags.concurrency ?? 32), "5", String(subscribers), "1"]);
  const before = await db.event.count({ where: { appId: app.id } });

  const concurrency = String(flags.concurrency ?? 32);
  const batchSize = flags["batch-size"] ?? "1000";
  const phases: {
    name: Phase;
    label: string;
    args: string[];
    rate: (result: LoadResult) => string;
  }[] = [
    {
      name: "single",
      label: "single events  ",
      args: [url, key, "single", concurrency, String(seconds), String(subscribers), "1"],
      rate: (result) => `${result.requestsPerSecond.toFixed(0)} requests/s`,
    },
    {
      name: "batches",
      label: `batches of ${batchSize}`,
      args: [
        url,
        key,
        "batch",
        String(flags["batch-concurrency"] ?? 4),
        String(seconds),
        String(subscribers),
        batchSize,
      ],
      rate: (result) => `${result.eventsPerSecond.toFixed(0)} events/s`,
    },
    {
      name: "receipts",
      label: "SDK receipts   ",
      args: [
        `${server.url}/api/v1/sdk/${app.publicId}/receipts`,
        "-",
        "receipts",
        concurrency,
        String(seconds),
        receiptsFile,
      ],
      rate: (result) =>
        `${result.requestsPerSecond.toFixed(0)} requests/s${result.requests < receiptDevices ? "" : " (ran out of deliveries: raise --receipts)"}`,
    },
  ];
  const lines: string[] = [];
  let accepted = 0;
  for (const phase of phases.filter((candidate) => selectedPhases.includes(candidate.name))) {
    const result = await measure(phase.args);
    accepted += result.events;
    lines.push(
      `  ${phase.label}   ${phase.rate(result)}   p50 ${result.p50.toFixed(1)} ms   p99 ${result.p99.toFixed(1)} ms   statuses ${JSON.stringify(result.statuses)}`,
      `                  CPU ms per request: ${result.cpu}   load ${result.load}`,
    );
  }
  const stored = (await db.event.count({ where: { appId: app.id } })) - before;
  console.log(`
Event ingestion through POST /api/v1/events (web server, loopback, ${subscribers.toLocaleString()} subscribers)
${lines.join("\n")}
  accepted ${accepted}   stored ${stored}   lost ${accepted - stored}
`);
  if (accepted !== stored) process.exitCode = 1;
} finally {
  await server.stop();
  await disconnectRedis();
  await disconnectDb();
  await stack.teardown();
}
