// The load half of `npm run bench:load`, in its own process so the servers
// under test do not share an event loop with the client measuring them.
// usage: node load-generator.mjs <config.json> (written by scripts/bench/load.ts)
//
// Each kind of request runs open-loop at its own rate: request i is due at
// start + i / rate and goes out then, or as soon as one of the kind's lanes
// is free when the server has fallen behind (so a slow server shows as lower
// throughput and higher latency, never as a quietly lighter load).
import { request as httpsRequest } from "node:https";
import { eventBatch, percentile } from "./load-tools.mjs";

const config = JSON.parse(
  await import("node:fs/promises").then((fs) => fs.readFile(process.argv[2], "utf8")),
);
const { baseUrl, apiKey, cookie, appId, publicId, campaignId, rates } = config;
/** @type {Record<string, string>} web push subscription id → SDK device token */
const deviceTokens = config.deviceTokens;

const startedAt = Date.now();
const deadline = startedAt + config.durationSeconds * 1000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const kinds = {};
/** Requests per second each paced kind was asked for. */
const targets = {};
function kind(name) {
  kinds[name] ??= { requests: 0, statuses: {}, latencies: [], events: 0 };
  return kinds[name];
}

/** Sends, times and counts one request; answers its status and JSON body (null on a network error). */
async function timed(name, send) {
  const stats = kind(name);
  const started = performance.now();
  try {
    const response = await send();
    const body = await response.json().catch(() => null);
    stats.latencies.push(performance.now() - started);
    stats.requests += 1;
    stats.statuses[response.status] = (stats.statuses[response.status] ?? 0) + 1;
    return { status: response.status, body };
  } catch {
    stats.latencies.push(performance.now() - started);
    stats.requests += 1;
    stats.statuses.network = (stats.statuses.network ?? 0) + 1;
    return null;
  }
}

/**
 * Runs `send` at `rate` per second until the deadline with at most `lanes`
 * in flight; what a server that fell behind did not get to by then is not
 * sent (its throughput shows below the target).
 */
async function paced(name, rate, lanes, send) {
  if (!(rate > 0)) return;
  targets[name] = rate;
  let slot = 0;
  const lane = async () => {
    for (;;) {
      const due = startedAt + (slot / rate) * 1000;
      slot += 1;
      if (due >= deadline) return;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      if (Date.now() >= deadline) return;
      await send();
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

const counter = { value: 0 };
const apiHeaders = { authorization: `Bearer ${apiKey}`, "content-type": "application/json" };

async function postEvents(name, size) {
  const events = eventBatch(counter, size, config.subscribers, config.externalIdPrefix);
  const answer = await timed(name, () =>
    fetch(`${baseUrl}/api/v1/events`, {
      method: "POST",
      headers: apiHeaders,
      body: JSON.stringify({ events }),
    }),
  );
  if (answer && answer.status < 300) kind(name).events += answer.body?.accepted ?? 0;
}

// The dashboard's own calls: the public API with the session cookie.
const dashboard = (name, path) => () =>
  timed(name, () =>
    fetch(`${baseUrl}${path}${path.includes("?") ? "&" : "?"}appId=${appId}`, {
      headers: { cookie },
    }),
  );

// SDK receipts for pushes the gateway really accepted: the service worker of
// each web device that got one reports it delivered, and some open it.
const deliveredQueue = [];
/** Opens wait for their time: a few seconds to a minute after the push arrived. */
const openQueue = [];
const seenDeliveries = new Set();
const receiptsRecorded = { delivered: 0, clicked: 0 };
let receiptsNotRecorded = 0;

function gatewayMessages() {
  const url = new URL("/control/messages", config.gateway.url);
  url.searchParams.set("campaignId", campaignId);
  url.searchParams.set("platform", "web");
  url.searchParams.set("limit", "5000");
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(
      url,
      {
        ca: config.gateway.ca,
        headers: { authorization: `Bearer ${config.gateway.controlToken}` },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () => {
          try {
            resolve(JSON.parse(text).messages ?? []);
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end();
  });
}

async function watchGateway() {
  while (Date.now() < deadline) {
    const messages = await gatewayMessages().catch(() => []);
    for (const message of messages) {
      if (!message.deliveryId || seenDeliveries.has(message.deliveryId)) continue;
      seenDeliveries.add(message.deliveryId);
      const token = deviceTokens[message.device];
      if (!token) continue;
      deliveredQueue.push({ deliveryId: message.deliveryId, token, type: "delivered" });
      if (Math.random() < rates.openShare) {
        const at = Date.now() + 2_000 + Math.random() * 58_000;
        openQueue.push({ deliveryId: message.deliveryId, token, type: "clicked", at });
      }
    }
    await sleep(500);
  }
}

// Receipts come from many browsers, not one address: each device reports from
// its own (documentation-range) address, as the SDK's per-IP limit expects.
const addressOf = (token) => {
  let hash = 0;
  for (const char of token) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `203.0.113.${(hash % 254) + 1}`;
};

async function sendReceipt() {
  // As a device reports: delivered when the push arrives, opened later.
  const now = Date.now();
  let receipt = deliveredQueue.shift();
  if (!receipt) {
    const openIndex = openQueue.findIndex((open) => open.at <= now);
    receipt = openIndex >= 0 ? openQueue.splice(openIndex, 1)[0] : undefined;
  }
  if (!receipt) return sleep(50);
  const answer = await timed(`sdk receipt (${receipt.type})`, () =>
    fetch(`${baseUrl}/api/v1/sdk/${publicId}/receipts`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: config.siteOrigin,
        "x-herald-device-token": receipt.token,
        "x-forwarded-for": addressOf(receipt.token),
      },
      body: JSON.stringify({ deliveryId: receipt.deliveryId, type: receipt.type }),
    }),
  );
  if (answer?.status === 200 && answer.body?.recorded === true) receiptsRecorded[receipt.type] += 1;
  else if (answer && answer.status < 300) receiptsNotRecorded += 1;
}

async function launchCampaign() {
  await sleep(config.launchAfterSeconds * 1000);
  const answer = await timed("campaign launch", () =>
    fetch(`${baseUrl}/api/v1/campaigns/${campaignId}/launch?appId=${appId}`, {
      method: "POST",
      headers: { cookie, origin: baseUrl },
    }),
  );
  if (answer?.status !== 200) {
    process.stderr.write(`launch answered ${answer?.status}: ${JSON.stringify(answer?.body)}\n`);
  }
}

const progress = setInterval(() => {
  const elapsed = Math.round((Date.now() - startedAt) / 1000);
  const summary = Object.entries(kinds)
    .map(([name, stats]) => `${name} ${stats.requests}`)
    .join(", ");
  process.stderr.write(`  ${elapsed} s: ${summary}\n`);
}, 30_000);

await Promise.all([
  paced("events (single)", rates.single, 32, () => postEvents("events (single)", 1)),
  paced("events (batch)", rates.batch, 8, () => postEvents("events (batch)", rates.batchSize)),
  paced(
    "dashboard overview",
    rates.overview,
    4,
    dashboard("dashboard overview", "/api/v1/stats?days=30"),
  ),
  paced(
    "dashboard campaign stats",
    rates.campaignStats,
    4,
    dashboard("dashboard campaign stats", `/api/v1/campaigns/${campaignId}/stats`),
  ),
  paced(
    "dashboard campaign analytics",
    rates.campaignAnalytics,
    4,
    dashboard("dashboard campaign analytics", `/api/v1/stats/campaigns/${campaignId}`),
  ),
  // At most this many receipts a second, as pushes arrive (not a target).
  paced("sdk receipts", rates.receipts, 16, sendReceipt),
  watchGateway(),
  launchCampaign(),
]);
clearInterval(progress);

const seconds = (Date.now() - startedAt) / 1000;
const report = {};
for (const [name, stats] of Object.entries(kinds)) {
  if (name === "sdk receipts") continue;
  stats.latencies.sort((a, b) => a - b);
  report[name] = {
    requests: stats.requests,
    perSecond: stats.requests / seconds,
    target: targets[name] ?? null,
    events: stats.events,
    p50: percentile(stats.latencies, 0.5),
    p95: percentile(stats.latencies, 0.95),
    p99: percentile(stats.latencies, 0.99),
    statuses: stats.statuses,
  };
}
console.log(
  JSON.stringify({
    seconds,
    kinds: report,
    receiptsRecorded,
    receiptsNotRecorded,
    receiptsPending: deliveredQueue.length + openQueue.length,
    webPushesSeen: seenDeliveries.size,
  }),
);
