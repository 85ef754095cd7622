// npm run bench:load [-- --duration 300 --recipients 30000]
// Mixed load on a production build for a few minutes, from a second process
// (scripts/bench/load-generator.mjs) on loopback: event ingestion (single
// events and batches), web SDK receipts for pushes the gateway really got,
// one campaign sent to --recipients devices through a worker process and the
// local push gateway, and dashboard reads with a session cookie. Prints
// throughput and latency per kind, statuses, events lost, sends lost or
// duplicated, and the memory of the web and worker processes at start and end.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { createApp } from "@/lib/apps/create-app";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { disconnectDb, getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { issueDeviceToken } from "@/lib/devices/sdk-device-token";
import { startPushGateway } from "@/lib/gateway/push-gateway";
import { closeProducerConnection } from "@/lib/queue/connection";
import { closeQueues } from "@/lib/queue/queues";
import { disconnectRedis } from "@/lib/redis";
import { addGatewayCredentials, seedManyDevices } from "@/tests/support/delivery";
import { sessionCookie } from "@/tests/support/http";
import { spawnWorker } from "@/tests/support/worker-process";
import {
  buildWebAppIfNeeded,
  createBenchStack,
  loadAverages,
  parseFlags,
  peakRssMb,
  processGroupRssMb,
  rssMb,
  startBenchWebServer,
} from "./setup";

const root = join(import.meta.dirname, "../..");
const flags = parseFlags(process.argv.slice(2));
const durationSeconds = Number(flags.duration ?? 300);
const recipients = Number(flags.recipients ?? 30_000);
const rates = {
  single: Number(flags["single-rate"] ?? 50),
  batch: Number(flags["batch-rate"] ?? 4),
  batchSize: Number(flags["batch-size"] ?? 100),
  overview: Number(flags["overview-rate"] ?? 1),
  campaignStats: Number(flags["campaign-stats-rate"] ?? 1),
  campaignAnalytics: Number(flags["campaign-analytics-rate"] ?? 0.5),
  receipts: Number(flags["receipt-rate"] ?? 200),
  openShare: 0.2,
};
if (!(durationSeconds >= 10) || !(recipients >= 1)) {
  console.error("usage: npm run bench:load -- [--duration seconds ≥ 10] [--recipients N]");
  process.exit(2);
}
const siteOrigin = "https://shop.herald.test";
const externalIdPrefix = "load-";

interface KindReport {
  requests: number;
  perSecond: number;
  /** Requests per second asked for (paced kinds). */
  target: number | null;
  events: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
}

interface GeneratorReport {
  seconds: number;
  kinds: Record<string, KindReport>;
  receiptsRecorded: { delivered: number; clicked: number };
  receiptsNotRecorded: number;
  receiptsPending: number;
  webPushesSeen: number;
}

const stack = await createBenchStack("load");
const env = { ...process.env, ...stack.env };
const stateDir = await mkdtemp(join(tmpdir(), "herald-bench-gateway-"));
const gateway = await startPushGateway({ stateDir, port: 0, messageLogSize: 20_000 });
const gatewayEnv = {
  HERALD_PUSH_GATEWAY_URL: gateway.url,
  HERALD_PUSH_GATEWAY_CA_FILE: gateway.caFile,
};
Object.assign(process.env, gatewayEnv);
const cleanups: (() => Promise<unknown>)[] = [];

try {
  // The web app and the production worker build, as `npm start` runs them.
  buildWebAppIfNeeded(env);

  const db = getDb();
  const user = await db.user.create({
    data: { email: `load-${Date.now()}@herald.local`, name: "Load bench", passwordHash: "x" },
  });
  const actor = { kind: "user" as const, userId: user.id, email: user.email };
  const app = await createApp(
    { name: "Load bench", defaultTimezone: "UTC", allowedOrigins: [siteOrigin] },
    actor,
    actor,
  );
  const owner = { id: user.id, email: user.email, name: user.name ?? "", password: "" };
  await addGatewayCredentials(
    { id: app.id, publicId: app.publicId, name: app.name, owner },
    gateway,
  );
  const { key } = await createApiKey(app.id, { name: "load", scopes: ["ingest"] }, actor);
  const seedStarted = performance.now();
  const platforms: Platform[] = ["web", "ios", "android"];
  const devices = await seedManyDevices(
    app.id,
    gateway,
    Array.from({ length: recipients }, (_, index) => platforms[index % 3] as Platform),
    { externalIdPrefix },
  );
  // Web devices registered as the SDK does, each with its own device token for receipts.
  const web = devices.filter((device) => device.platform === "web");
  const issued = web.map((device) => issueDeviceToken(device.id));
  await db.$executeRaw`
    UPDATE devices SET "sdkTokenHash" = t.hash
    FROM unnest(${web.map((device) => device.id)}::bigint[], ${issued.map((token) => token.hash)}::text[]) AS t(id, hash)
    WHERE devices.id = t.id`;
  console.log(
    `seeded ${recipients.toLocaleString()} devices (${web.length.toLocaleString()} web with SDK tokens) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );
  const { id: campaignId } = await createCampaign(
    app.id,
    createCampaignSchema.parse({
      name: "Load bench",
      variants: [{ content: { title: "Hi {{ first_name }}", body: "Flash sale", url: "/sale" } }],
    }),
    actor,
  );

  const worker = spawnWorker({ ...stack.env, ...gatewayEnv }, { bundled: true });
  cleanups.push(async () => {
    if (worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.kill("SIGTERM");
      await worker.exited;
    }
  });
  const server = await startBenchWebServer({ ...env, ...gatewayEnv }, "load");
  cleanups.push(server.stop);
  const cookie = await sessionCookie(owner);

  // Warm every route once (the first requests load code and open connections).
  const warm = await Promise.all(
    [
      `/api/v1/stats?days=30&appId=${app.id}`,
      `/api/v1/campaigns/${campaignId}/stats?appId=${app.id}`,
      `/api/v1/stats/campaigns/${campaignId}?appId=${app.id}`,
    ].map((path) => fetch(`${server.url}${path}`, { headers: { cookie } })),
  );
  for (const response of warm) {
    if (!response.ok) throw new Error(`warm-up ${response.url} answered ${response.status}`);
  }
  const warmEvents = await fetch(`${server.url}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ events: [{ externalId: `${externalIdPrefix}0`, name: "warm_up" }] }),
  });
  if (!warmEvents.ok) throw new Error(`warm-up events answered ${warmEvents.status}`);

  const configFile = join(stateDir, "load.json");
  await writeFile(
    configFile,
    JSON.stringify({
      baseUrl: server.url,
      apiKey: key,
      cookie,
      appId: app.id,
      publicId: app.publicId,
      campaignId,
      siteOrigin,
      subscribers: recipients,
      externalIdPrefix,
      durationSeconds,
      launchAfterSeconds: Math.min(20, durationSeconds / 10),
      rates,
      gateway: { url: gateway.url, controlToken: gateway.controlToken, ca: gateway.caPem },
      deviceTokens: Object.fromEntries(
        web.map((device, index) => [device.gatewayId, issued[index]?.token]),
      ),
    }),
  );

  const sample = async () => ({
    at: Date.now(),
    web: await processGroupRssMb(server.pid),
    worker: (await rssMb(worker.child.pid ?? 0)) ?? Number.NaN,
    load: await loadAverages(),
  });
  const start = await sample();
  const samples = [start];
  console.log(
    `load for ${durationSeconds} s; load average ${start.load}; RSS web ${start.web.toFixed(0)} MB, worker ${start.worker.toFixed(0)} MB`,
  );

  const generator = spawn(
    process.execPath,
    [join(root, "scripts/bench/load-generator.mjs"), configFile],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  cleanups.push(async () => {
    if (generator.exitCode === null) generator.kill("SIGKILL");
  });
  let output = "";
  generator.stdout.setEncoding("utf8");
  generator.stdout.on("data", (chunk: string) => {
    output += chunk;
  });
  const generatorExited = new Promise<number | null>((resolve) =>
    generator.once("exit", (code) => resolve(code)),
  );

  // Watch the send and the processes while the load runs.
  let sendStartedAt: number | null = null;
  let sendCompletedAt: number | null = null;
  let running = true;
  void generatorExited.then(() => {
    running = false;
  });
  while (running) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const campaign = await db.campaign.findUnique({
      where: { id: campaignId },
      select: { status: true, launchedAt: true },
    });
    if (campaign?.launchedAt && sendStartedAt === null) sendStartedAt = Date.now();
    if (campaign?.status === "completed" && sendCompletedAt === null) {
      sendCompletedAt = Date.now();
      console.log(
        `  campaign completed ${((sendCompletedAt - (sendStartedAt ?? 0)) / 1000).toFixed(0)} s after launch`,
      );
    }
    if (Date.now() - (samples.at(-1)?.at ?? 0) >= 10_000) samples.push(await sample());
  }
  const end = await sample();
  samples.push(end);
  const generatorCode = await generatorExited;
  if (generatorCode !== 0) throw new Error(`the load generator exited with ${generatorCode}`);
  const report = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as GeneratorReport;

  // A send still going when the load stopped finishes before its figures are read.
  const finishDeadline = Date.now() + 10 * 60_000;
  while (sendCompletedAt === null && Date.now() < finishDeadline) {
    const campaign = await db.campaign.findUnique({
      where: { id: campaignId },
      select: { status: true },
    });
    if (campaign?.status === "completed") sendCompletedAt = Date.now();
    else await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const peaks = {
    worker: await peakRssMb(worker.child.pid ?? 0),
  };

  // Events lost: everything the API accepted must be a row.
  const acceptedEvents = Object.values(report.kinds).reduce((sum, kind) => sum + kind.events, 0);
  const storedEvents = await db.event.count({
    where: { appId: app.id, name: { in: ["page_viewed", "purchase"] } },
  });
  const receipts = report.receiptsRecorded;
  const storedReceipts = {
    delivered: await db.event.count({ where: { appId: app.id, name: "delivered" } }),
    opened: await db.event.count({ where: { appId: app.id, name: "opened" } }),
  };
  const sendStats = gateway.stats(campaignId);
  const deliveryStatuses = await db.delivery.groupBy({
    by: ["status"],
    where: { campaignId },
    _count: { _all: true },
  });
  const [sendTiming] = await db.$queryRaw<{ first: Date | null; last: Date | null }[]>`
    SELECT min("sentAt") AS first, max("sentAt") AS last FROM deliveries WHERE "campaignId" = ${campaignId}`;
  const sendSeconds =
    sendTiming?.first && sendTiming.last
      ? (sendTiming.last.getTime() - (sendStartedAt ?? sendTiming.first.getTime())) / 1000
      : Number.NaN;

  const serverErrors = Object.values(report.kinds).reduce(
    (sum, kind) =>
      sum +
      Object.entries(kind.statuses)
        .filter(([status]) => status === "network" || Number(status) >= 500)
        .reduce((count, [, n]) => count + n, 0),
    0,
  );
  const eventsLost = acceptedEvents - storedEvents;
  const receiptsLost =
    receipts.delivered - storedReceipts.delivered + (receipts.clicked - storedReceipts.opened);
  const sendsLost = recipients - (sendStats.accepted - sendStats.duplicates);
  const maxLoad = samples.reduce(
    (max, entry) => Math.max(max, Number(entry.load.split(" ")[0])),
    0,
  );

  const ms = (value: number) => value.toFixed(0).padStart(6);
  const lines = Object.entries(report.kinds).map(([name, kind]) => {
    const rate = `${kind.perSecond.toFixed(1)}/s${kind.target && !name.startsWith("sdk") ? ` of ${kind.target}` : ""}`;
    const events = kind.events ? `${(kind.events / report.seconds).toFixed(0)} events/s` : "";
    return `  ${name.padEnd(30)} ${String(kind.requests).padStart(7)}  ${rate.padEnd(13)} ${events.padEnd(15)} ${ms(kind.p50)} ${ms(kind.p95)} ${ms(kind.p99)}   ${JSON.stringify(kind.statuses)}`;
  });
  console.log(`
Mixed load: ${report.seconds.toFixed(0)} s against the web server + 1 worker + the local push gateway (loopback, 2 cores)
  kind                           requests  rate          events            p50    p95    p99 ms  statuses
${lines.join("\n")}
  5xx or network errors          ${serverErrors}
  events accepted ${acceptedEvents}, stored ${storedEvents}, lost ${eventsLost}
  receipts recorded ${receipts.delivered} delivered + ${receipts.clicked} opened, stored ${storedReceipts.delivered} + ${storedReceipts.opened}, lost ${receiptsLost} (${report.webPushesSeen} web pushes seen, ${report.receiptsPending} receipts not yet sent at the end)
  campaign: ${recipients.toLocaleString()} recipients, ${sendStats.accepted - sendStats.duplicates} delivered once, ${sendStats.duplicates} duplicates, lost ${sendsLost}; all sent ${sendSeconds.toFixed(0)} s after launch (${(recipients / sendSeconds).toFixed(0)}/s under the mixed load); rows ${JSON.stringify(Object.fromEntries(deliveryStatuses.map((group) => [group.status, group._count._all])))}
  RSS web     ${start.web.toFixed(0)} MB at start → ${end.web.toFixed(0)} MB at the end (samples every 10 s: ${samples.map((entry) => entry.web.toFixed(0)).join(" ")})
  RSS worker  ${start.worker.toFixed(0)} MB at start → ${end.worker.toFixed(0)} MB at the end, peak ${peaks.worker?.toFixed(0) ?? "?"} MB (samples: ${samples.map((entry) => entry.worker.toFixed(0)).join(" ")})
  load average ${start.load} at start, ${end.load} at the end, highest 1-min ${maxLoad.toFixed(2)} (includes anything else running on the machine)
`);
  if (serverErrors > 0 || eventsLost !== 0 || receiptsLost !== 0 || sendsLost !== 0) {
    process.exitCode = 1;
  }
  if (sendStats.duplicates !== 0) process.exitCode = 1;
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  await closeQueues();
  await closeProducerConnection();
  await disconnectRedis();
  await disconnectDb();
  await gateway.close();
  await rm(stateDir, { recursive: true, force: true });
  await stack.teardown();
}
