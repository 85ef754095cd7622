import { createInterface } from "node:readline";
import type { Job } from "bullmq";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createApiKey } from "@/app/api/v1/apps/[appId]/api-keys/route";
import { PUT as putCredential } from "@/app/api/v1/apps/[appId]/credentials/[platform]/route";
import { POST as sendNotification } from "@/app/api/v1/notifications/route";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { queueNames } from "@/lib/queue/jobs";
import { closeQueues, getQueue } from "@/lib/queue/queues";
import { getRedis } from "@/lib/redis";
import { seedDevices, useDeliveryStack, waitForCampaignStatus } from "@/tests/support/delivery";
import { createTestApp, type TestApp } from "@/tests/support/factories";
import { generateWebPushSecret, type TestGateway } from "@/tests/support/gateway";
import { callRoute } from "@/tests/support/http";
import { waitFor } from "@/tests/support/wait";
import { spawnWorker, type WorkerProcess } from "@/tests/support/worker-process";
import { call, discoverRoutes, snapshot } from "./support";

// An app with real credentials on all three platforms (its own VAPID key
// pair, an FCM service account, an APNs .p8 key) and an API key sends a
// campaign through the worker process into the local push gateway. The
// secret material — and fragments of it, in case something slices or
// re-encodes it — must then be absent from every API answer, from the log
// lines of the web routes (in-process, at trace level) and of the worker
// process, from the job data in Redis and from every key and value under
// this run's Redis prefix. Device tokens and web push keys are held to the
// same rule everywhere but the API (which shows a device to its app).

interface Secret {
  name: string;
  value: string;
}

let gateway: TestGateway;
let app: TestApp;
let worker: WorkerProcess | undefined;
let campaignId = "";
/** Credentials and keys: nowhere outside the database, and there only sealed or hashed. */
const secrets: Secret[] = [];
/** Device addresses and web push keys: in the database and the app's own API answers only. */
const deviceSecrets: Secret[] = [];
const answers: { label: string; text: string }[] = [];
const webLog: string[] = [];
const workerLog: string[] = [];
const jobsSeen: string[] = [];
const redisScans: string[] = [];

/**
 * The secret itself and pieces of it: 20 characters from its first, middle
 * and last lines of key material (within a line, so a PEM whose line breaks
 * were escaped or dropped still matches). Such a run is no accident.
 */
function secretWithFragments(name: string, value: string): Secret[] {
  const lines = value.split("\n").filter((line) => line.length >= 20 && !line.startsWith("-----"));
  const picked = new Set([0, Math.floor(lines.length / 2), lines.length - 1]);
  return [
    { name, value },
    ...[...picked].map((index) => ({
      name: `${name} (line ${index + 1}, 20 characters)`,
      value: (lines[index] ?? "").slice(-20),
    })),
  ];
}

function leaksIn(text: string, list: Secret[]): string[] {
  return list.filter((secret) => text.includes(secret.value)).map((secret) => secret.name);
}

async function answer(label: string, response: Promise<Response>): Promise<Response> {
  const resolved = await response;
  answers.push({ label: `${label} → ${resolved.status}`, text: await resolved.clone().text() });
  return resolved;
}

function putCredentialAs(platform: string, body: unknown): Promise<Response> {
  return answer(
    `PUT credentials/${platform}`,
    callRoute(putCredential, {
      method: "PUT",
      path: `/api/v1/apps/${app.id}/credentials/${platform}`,
      params: { appId: app.id, platform },
      as: { user: app.owner },
      body,
    }),
  );
}

/** Every job of every queue, in every state BullMQ keeps, as text. */
async function readJobs(): Promise<string[]> {
  const texts: string[] = [];
  for (const name of Object.values(queueNames)) {
    const jobs: Job[] = await getQueue(name).getJobs([
      "wait",
      "delayed",
      "active",
      "prioritized",
      "waiting-children",
      "completed",
      "failed",
    ]);
    for (const job of jobs) {
      texts.push(
        JSON.stringify({
          queue: name,
          name: job.name,
          id: job.id,
          data: job.data,
          opts: job.opts,
          returnvalue: job.returnvalue,
          failedReason: job.failedReason,
          stacktrace: job.stacktrace,
        }),
      );
    }
  }
  return texts;
}

/** Every key under this run's prefix, with its value whatever its type. */
async function scanRedis(): Promise<string> {
  const redis = getRedis();
  const prefix = process.env.HERALD_QUEUE_PREFIX ?? "";
  expect(prefix.length).toBeGreaterThan(8);
  const parts: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    cursor = next;
    for (const key of batch) {
      const type = await redis.type(key);
      let value: unknown;
      if (type === "string") value = await redis.get(key);
      else if (type === "hash") value = await redis.hgetall(key);
      else if (type === "list") value = await redis.lrange(key, 0, -1);
      else if (type === "set") value = await redis.smembers(key);
      else if (type === "zset") value = await redis.zrange(key, "0", "-1", "WITHSCORES");
      else if (type === "stream") value = await redis.xrange(key, "-", "+");
      else value = `(${type})`;
      parts.push(`${key} ${JSON.stringify(value)}`);
    }
  } while (cursor !== "0");
  return parts.join("\n");
}

beforeAll(async () => {
  gateway = await useDeliveryStack();
  // The real logger, redaction and all, writing here instead of stdout.
  Reflect.set(logger, pino.symbols.streamSym, { write: (line: string) => webLog.push(line) });
  logger.level = "trace";
  // Both queues held until their jobs have been read; the worker boots meanwhile.
  await getQueue("launch").pause();
  await getQueue("send").pause();
  worker = spawnWorker({ LOG_LEVEL: "trace" }, { pipeStdout: true });
  const stdout = worker.child.stdout;
  if (stdout) createInterface({ input: stdout }).on("line", (line) => workerLog.push(line));

  app = await createTestApp("Secret keeper");
  const vapid = generateWebPushSecret();
  const account = gateway.gateway.mintFcmServiceAccount();
  const apns = gateway.gateway.mintApnsKey({ bundleId: "com.herald.secrets" });
  secrets.push(
    ...secretWithFragments("VAPID private key", vapid.privateKey),
    ...secretWithFragments("FCM private key", account.private_key),
    ...secretWithFragments("APNs .p8 key", apns.privateKey),
    { name: "a PEM private key", value: "PRIVATE KEY" },
    { name: "HERALD_MASTER_KEY", value: process.env.HERALD_MASTER_KEY ?? "unset" },
    { name: "AUTH_SECRET", value: process.env.AUTH_SECRET ?? "unset" },
  );

  // Uploads the dashboard refuses, with the secrets where they do not belong: the answer must not echo them.
  await putCredentialAs("android", {
    serviceAccountJson: JSON.stringify({ ...account, private_key: apns.privateKey }),
  });
  await putCredentialAs("android", {
    serviceAccountJson: JSON.stringify(account).slice(0, -2),
  });
  await putCredentialAs("ios", {
    keyId: apns.keyId,
    teamId: apns.teamId,
    bundleId: apns.bundleId,
    privateKey: account.private_key,
    production: true,
  });
  await putCredentialAs("web", { ...vapid, privateKey: `${vapid.privateKey}!` });
  // And the real ones.
  for (const [platform, body] of [
    ["web", vapid],
    ["android", { serviceAccountJson: JSON.stringify(account) }],
    [
      "ios",
      {
        keyId: apns.keyId,
        teamId: apns.teamId,
        bundleId: apns.bundleId,
        privateKey: apns.privateKey,
        production: true,
      },
    ],
  ] as const) {
    expect((await putCredentialAs(platform, body)).status).toBe(200);
  }

  const created = await callRoute(createApiKey, {
    path: `/api/v1/apps/${app.id}/api-keys`,
    params: { appId: app.id },
    as: { user: app.owner },
    body: { name: "Backend", scopes: ["send", "read"] },
  });
  expect(created.status).toBe(201);
  // The one answer that shows the key, once: not collected.
  const { key } = (await created.json()) as { key: string };
  secrets.push(...secretWithFragments("API key", key));

  const devices = await seedDevices(app.id, gateway.gateway, [
    "web",
    "web",
    "ios",
    "ios",
    "android",
    "android",
  ]);
  // One dead token per platform, so the worker's dead-token path runs too.
  for (const platform of ["web", "ios", "android"] as const) {
    const dead = devices.find((device) => device.platform === platform);
    if (dead) gateway.gateway.addDeadTokens(platform, [dead.gatewayId]);
  }
  const rows = await getDb().device.findMany({ where: { appId: app.id } });
  for (const row of rows) {
    deviceSecrets.push({ name: `${row.platform} device ${row.id} address`, value: row.address });
    if (row.webP256dh)
      deviceSecrets.push({ name: `device ${row.id} p256dh`, value: row.webP256dh });
    if (row.webAuth) deviceSecrets.push({ name: `device ${row.id} auth`, value: row.webAuth });
  }

  const sent = await answer(
    "POST notifications",
    callRoute(sendNotification, {
      path: "/api/v1/notifications",
      as: { apiKey: key },
      body: {
        audience: { type: "all" },
        content: { title: "Hello {{ first_name }}", body: "Your order shipped", url: "/orders/1" },
      },
    }),
  );
  expect(sent.status).toBe(201);
  campaignId = ((await sent.clone().json()) as { id: string }).id;
  jobsSeen.push(...(await readJobs()));

  await getQueue("launch").resume();
  await waitFor("the audience to be written", async () => {
    const campaign = await getDb().campaign.findUniqueOrThrow({ where: { id: campaignId } });
    return campaign.launchCompletedAt !== null;
  });
  await waitFor(
    "send jobs held in the paused queue",
    async () => (await getQueue("send").getWaitingCount()) > 0,
  );
  jobsSeen.push(...(await readJobs()));
  redisScans.push(await scanRedis());

  await getQueue("send").resume();
  expect(await waitForCampaignStatus(campaignId, ["completed"])).toBe("completed");
  // Every live device got its push: the credentials were really used.
  expect(gateway.gateway.stats(campaignId).accepted).toBe(3);

  // A second send the providers refuse for the credential's sake: the
  // failure paths log, and store a reason the credentials page shows.
  gateway.gateway.setFaults({
    web: { errors: { "403": 1 } },
    android: { errors: { THIRD_PARTY_AUTH_ERROR: 1 } },
  });
  const refused = await answer(
    "POST notifications (credentials refused)",
    callRoute(sendNotification, {
      path: "/api/v1/notifications",
      as: { apiKey: key },
      body: { audience: { type: "all" }, content: { title: "Again", body: "Refused" } },
    }),
  );
  expect(refused.status).toBe(201);
  await waitFor("the refused credentials to be marked failing", async () => {
    const failing = await getDb().pushCredential.count({
      where: { appId: app.id, status: "failing" },
    });
    return failing === 2;
  });

  // Every GET route of the app, as its owner (or with the key where only keys may call).
  const subscriber = await getDb().subscriber.findFirstOrThrow({ where: { appId: app.id } });
  const device = rows[0];
  const params: Record<string, string> = {
    campaignId,
    notificationId: campaignId,
    externalId: subscriber.externalId ?? "",
    deviceId: device?.id.toString() ?? "",
    publicId: app.publicId,
    platform: "android",
  };
  for (const route of await discoverRoutes()) {
    if (route.method !== "GET" || route.auth === "sdk") continue;
    const credentials = route.auth === "apiKey" ? { apiKey: key } : { user: app.owner };
    const appId = route.appScoped && route.auth !== "apiKey" ? app.id : null;
    await answer(`GET ${route.template}`, call(route, credentials, appId, params));
  }

  worker.kill("SIGTERM");
  expect(await worker.exited).toBe(0);
  jobsSeen.push(...(await readJobs()));
  redisScans.push(await scanRedis());
}, 180_000);

afterAll(async () => {
  if (worker && worker.child.exitCode === null) {
    worker.kill("SIGKILL");
    await worker.exited;
  }
  await closeQueues();
  await gateway?.stop();
});

describe("secrets after a real send", () => {
  it("are in no API answer", () => {
    const leaks = answers.flatMap(({ label, text }) =>
      leaksIn(text, secrets).map((name) => `${label}: ${name}`),
    );
    expect(leaks).toEqual([]);
    // What was read: the credentials, the app, the notification, the audit log…
    const labels = answers.map(({ label }) => label);
    expect(labels).toContain("GET /api/v1/apps/{appId}/credentials → 200");
    const credentials = answers.find(({ label }) =>
      label.startsWith("GET /api/v1/apps/{appId}/credentials "),
    );
    // Read after the providers refused two of them: the failure reasons are in this answer.
    expect(credentials?.text.match(/"status":"failing"/g)).toHaveLength(2);
    expect(labels).toContain("GET /api/v1/apps/{appId} → 200");
    expect(labels).toContain("GET /api/v1/notifications/{notificationId} → 200");
    expect(labels).toContain("GET /api/v1/apps/{appId}/audit-log → 200");
    expect(labels.filter((label) => label.startsWith("PUT credentials/"))).toHaveLength(7);
    expect(labels.filter((label) => / → 400$/.test(label))).toHaveLength(4);
  });

  it("are in no log line of the web routes or the worker process", () => {
    const everything = [...secrets, ...deviceSecrets];
    expect(leaksIn(webLog.join("\n"), everything)).toEqual([]);
    expect(leaksIn(workerLog.join("\n"), everything)).toEqual([]);
    // The capture worked: the uploads, the send and the refused credentials are in there.
    expect(webLog.join("\n")).toContain(`/api/v1/apps/${app.id}/credentials/ios`);
    expect(workerLog.join("\n")).toContain(campaignId);
    expect(workerLog.join("\n")).toContain("credential refused");
  });

  it("are in no job data and no Redis key or value under the run's prefix", () => {
    const everything = [...secrets, ...deviceSecrets];
    expect(leaksIn(jobsSeen.join("\n"), everything)).toEqual([]);
    for (const scan of redisScans) expect(leaksIn(scan, everything)).toEqual([]);
    // The launch job and the held send jobs were read, and the scan saw them.
    expect(jobsSeen.some((job) => job.includes('"queue":"launch"'))).toBe(true);
    expect(jobsSeen.some((job) => job.includes('"queue":"send"'))).toBe(true);
    expect(redisScans[0]).toContain(`:send:`);
    expect(redisScans[0]).toContain(campaignId);
  });

  it("are stored only sealed or hashed: no credential or key material in any row of the app", async () => {
    const rows = JSON.stringify(await snapshot(app.id));
    expect(leaksIn(rows, secrets)).toEqual([]);
    const sealed = await getDb().pushCredential.findMany({ where: { appId: app.id } });
    expect(sealed.map((row) => row.platform).sort()).toEqual(["android", "ios", "web"]);
  });
});
