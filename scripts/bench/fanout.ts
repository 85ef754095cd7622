// npm run bench:fanout -- --recipients 100000 --platform web|fcm|apns|mix
// Seeds N devices (real P-256 subscription keys for web), sends one campaign
// through a real worker process into the local push gateway, and prints
// throughput, latency, the worker's peak memory and lost/duplicate counts.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createApp } from "@/lib/apps/create-app";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { saveCredential } from "@/lib/credentials/credentials";
import { disconnectDb, getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { startPushGateway } from "@/lib/gateway/push-gateway";
import { closeProducerConnection } from "@/lib/queue/connection";
import { closeQueues } from "@/lib/queue/queues";
import { disconnectRedis } from "@/lib/redis";
import { spawnWorker } from "@/tests/support/worker-process";
import {
  backendsCpuDelta,
  databaseBackendsCpu,
  loadAverage,
  processCpuSeconds,
  redisCpuSeconds,
} from "./cpu-usage";
import { createBenchStack, parseFlags, peakRssMb } from "./setup";

const flags = parseFlags(process.argv.slice(2));
const recipients = Number(flags.recipients ?? 100_000);
const platformFlag = flags.platform ?? "mix";
const workerCount = Number(flags.workers ?? 1);
const platformsByFlag: Record<string, Platform[]> = {
  web: ["web"],
  fcm: ["android"],
  apns: ["ios"],
  mix: ["web", "ios", "android"],
};
const platforms = platformsByFlag[platformFlag];
if (!platforms || !Number.isInteger(recipients) || recipients < 1) {
  console.error("usage: npm run bench:fanout -- --recipients N --platform web|fcm|apns|mix");
  process.exit(2);
}

const stack = await createBenchStack("fanout");
const { DATABASE_URL: databaseUrl = "", REDIS_URL: redisUrl = "" } = stack.env;
const stateDir = await mkdtemp(join(tmpdir(), "herald-bench-gateway-"));
const gateway = await startPushGateway({ stateDir, port: 0 });
process.env.HERALD_PUSH_GATEWAY_URL = gateway.url;
process.env.HERALD_PUSH_GATEWAY_CA_FILE = gateway.caFile;

try {
  const db = getDb();
  const user = await db.user.create({
    data: {
      email: `bench-${randomBytes(4).toString("hex")}@herald.local`,
      name: "Bench",
      passwordHash: "x",
    },
  });
  const actor = { kind: "user" as const, userId: user.id, email: user.email };
  const app = await createApp(
    { name: "Bench", defaultTimezone: "UTC", allowedOrigins: [] },
    actor,
    actor,
  );
  const account = gateway.mintFcmServiceAccount();
  await saveCredential(
    app.id,
    { platform: "android", input: { serviceAccountJson: JSON.stringify(account) } },
    actor,
  );
  const key = gateway.mintApnsKey({ bundleId: "com.herald.bench" });
  await saveCredential(app.id, { platform: "ios", input: { ...key, production: true } }, actor);

  const seedStarted = performance.now();
  await seedDevices(app.id, recipients, platforms);
  console.log(
    `seeded ${recipients.toLocaleString()} devices in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );

  const { id: campaignId } = await createCampaign(
    app.id,
    createCampaignSchema.parse({
      name: "Fan-out benchmark",
      variants: [
        {
          content: {
            title: "Flash sale",
            body: "Everything 20% off for the next hour",
            url: "/sale",
          },
        },
      ],
    }),
    actor,
  );
  // The production worker build, as `npm start` runs it.
  execFileSync(process.execPath, ["scripts/build-workers.mjs"], { stdio: "inherit" });
  const workers = Array.from({ length: workerCount }, () =>
    spawnWorker(
      {
        ...stack.env,
        HERALD_PUSH_GATEWAY_URL: gateway.url,
        HERALD_PUSH_GATEWAY_CA_FILE: gateway.caFile,
      },
      { bundled: true },
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const workerPids = workers.map((worker) => worker.child.pid ?? 0);
  const cpuBefore = {
    workers: await Promise.all(workerPids.map(processCpuSeconds)),
    gateway: process.cpuUsage(),
    database: await databaseBackendsCpu(databaseUrl),
    redis: await redisCpuSeconds(redisUrl),
  };
  const loadBefore = await loadAverage();
  const launchedAt = Date.now();
  await launchCampaign(app.id, campaignId, actor);
  let status = "sending";
  let lastReport = 0;
  while (status !== "completed") {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const campaign = await db.campaign.findUnique({
      where: { id: campaignId },
      select: { status: true },
    });
    status = campaign?.status ?? "missing";
    if (Date.now() - lastReport > 5_000) {
      lastReport = Date.now();
      const sent = await db.delivery.count({ where: { campaignId, status: "sent" } });
      console.log(
        `  ${((Date.now() - launchedAt) / 1000).toFixed(0)} s: ${sent.toLocaleString()} sent`,
      );
    }
    if (status === "failed" || status === "canceled") throw new Error(`campaign ended ${status}`);
  }
  const loadAfter = await loadAverage();
  const workerCpu = (await Promise.all(workerPids.map(processCpuSeconds))).reduce<number>(
    (sum, seconds, index) => sum + (seconds ?? 0) - (cpuBefore.workers[index] ?? 0),
    0,
  );
  const gatewayUsage = process.cpuUsage(cpuBefore.gateway);
  const gatewayCpu = (gatewayUsage.user + gatewayUsage.system) / 1e6;
  const databaseCpu = backendsCpuDelta(cpuBefore.database, await databaseBackendsCpu(databaseUrl));
  const redisAfter = await redisCpuSeconds(redisUrl);
  const redisCpu =
    redisAfter !== null && cpuBefore.redis !== null ? redisAfter - cpuBefore.redis : Number.NaN;
  const peaks = await Promise.all(workers.map((worker) => peakRssMb(worker.child.pid ?? 0)));
  const peakMb = Math.max(...peaks.map((peak) => peak ?? 0));
  for (const worker of workers) worker.kill("SIGTERM");
  await Promise.all(workers.map((worker) => worker.exited));

  const [timing] = await db.$queryRaw<
    { sent: bigint; last: Date; p99_sent: Date; p50_ms: number; p99_ms: number }[]
  >`SELECT count(*) AS sent, max("sentAt") AS last,
           percentile_disc(0.99) WITHIN GROUP (ORDER BY "sentAt") AS p99_sent,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "sentAt" - "createdAt") * 1000) AS p50_ms,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM "sentAt" - "createdAt") * 1000) AS p99_ms
    FROM deliveries WHERE "campaignId" = ${campaignId} AND status = 'sent'`;
  const stats = gateway.stats(campaignId);
  // Rows sent more than once and how: a send retried after a timeout, or a
  // job's rows taken over by its re-run (a worker stalled past its lock).
  const [retries] = await db.$queryRaw<{ retried: bigint; statuses: string }[]>`
    SELECT count(*) FILTER (WHERE attempts > 1) AS retried,
           COALESCE(string_agg(DISTINCT status::text || ':' || COALESCE(reason, ''), ', '), '') AS statuses
    FROM deliveries WHERE "campaignId" = ${campaignId}`;
  const seconds = timing ? (timing.last.getTime() - launchedAt) / 1000 : Number.NaN;
  const lost = recipients - (stats.accepted - stats.duplicates);
  const perRecipient = (seconds: number) => `${((seconds * 1e6) / recipients).toFixed(0)} µs`;
  const knownCpu = workerCpu + gatewayCpu + databaseCpu + (Number.isNaN(redisCpu) ? 0 : redisCpu);
  console.log(`
Fan-out: ${recipients.toLocaleString()} recipients, platform ${platformFlag}, ${workerCount} worker process(es)
  recipients/second        ${(recipients / seconds).toFixed(0)}
  all sent after           ${seconds.toFixed(1)} s
  99% sent after           ${timing ? ((timing.p99_sent.getTime() - launchedAt) / 1000).toFixed(1) : "?"} s
  enqueue→accepted p50     ${timing ? timing.p50_ms.toFixed(0) : "?"} ms
  enqueue→accepted p99     ${timing ? timing.p99_ms.toFixed(0) : "?"} ms
  worker peak RSS          ${peakMb.toFixed(0)} MB (largest worker)
  lost                     ${lost}
  duplicates               ${stats.duplicates}
  rows tried more than once ${Number(retries?.retried ?? 0)}; gateway refusals ${stats.rejected} ${JSON.stringify(stats.rejectedByReason)}; rows ${retries?.statuses ?? "?"}
  load average             ${loadBefore} at launch, ${loadAfter} at the end
CPU per recipient (load-independent; launch to completion)
  worker(s)                ${perRecipient(workerCpu)}
  gateway (+ bench loop)   ${perRecipient(gatewayCpu)}
  PostgreSQL backends      ${perRecipient(databaseCpu)}
  Redis server (shared)    ${Number.isNaN(redisCpu) ? "?" : perRecipient(redisCpu)}
  sum                      ${perRecipient(knownCpu)} → at most ${(recipients / (knownCpu / 2)).toFixed(0)} recipients/s on 2 idle cores
`);
  if (lost !== 0 || stats.duplicates !== 0) process.exitCode = 1;
} finally {
  await closeQueues();
  await closeProducerConnection();
  await disconnectRedis();
  await disconnectDb();
  await gateway.close();
  await rm(stateDir, { recursive: true, force: true });
  await stack.teardown();
}

/** Subscribers and devices in bulk through unnest(): about a minute per million on two cores. */
async function seedDevices(appId: string, count: number, kinds: Platform[]): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const chunk = 20_000;
  try {
    for (let start = 0; start < count; start += chunk) {
      const size = Math.min(chunk, count - start);
      const externalIds: string[] = [];
      const platformColumn: string[] = [];
      const addresses: string[] = [];
      const p256dh: (string | null)[] = [];
      const auth: (string | null)[] = [];
      for (let index = 0; index < size; index += 1) {
        const n = start + index;
        const platform = kinds[n % kinds.length] as Platform;
        externalIds.push(`bench-${n}`);
        platformColumn.push(platform);
        if (platform === "web") {
          const subscription = gateway.mintWebSubscription(`bench${n}`);
          addresses.push(subscription.endpoint);
          p256dh.push(subscription.keys.p256dh);
          auth.push(subscription.keys.auth);
        } else {
          addresses.push(
            platform === "ios"
              ? randomBytes(32).toString("hex")
              : `bench:${randomBytes(48).toString("base64url")}`,
          );
          p256dh.push(null);
          auth.push(null);
        }
      }
      await pool.query(
        `WITH s AS (
           INSERT INTO subscribers ("appId", "externalId", attributes, "createdAt", "updatedAt")
           SELECT $1, e, '{"first_name":"Ada"}', now(), now() FROM unnest($2::text[]) e
           RETURNING id, "externalId")
         INSERT INTO devices ("appId", "subscriberId", platform, address, "webP256dh", "webAuth", "optedInAt", "createdAt", "updatedAt")
         SELECT $1, s.id, v.platform::"Platform", v.address, v.p256dh, v.auth, now(), now(), now()
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS v(ext, platform, address, p256dh, auth)
         JOIN s ON s."externalId" = v.ext`,
        [appId, externalIds, platformColumn, addresses, p256dh, auth],
      );
    }
  } finally {
    await pool.end();
  }
}
