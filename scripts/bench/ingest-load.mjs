// The load half of `npm run bench:ingest`, in its own process so the server
// under test does not share an event loop with the client measuring it.
// It shares the machine's cores, though: it uses node:http with keep-alive
// (about a third of fetch's CPU per request here) and reports its own CPU.
// usage: node ingest-load.mjs <url> <apiKey> <single|batch> <concurrency> <seconds> <subscribers> <batchSize>
//        node ingest-load.mjs <receipts url> - receipts <concurrency> <seconds> <receipts file>
// A receipts file is a JSON list of {token, deliveryId}: each is reported once,
// as a browser's service worker does when a push arrives.
import { readFileSync } from "node:fs";
import http from "node:http";
import { eventBatch, percentile } from "./load-tools.mjs";

const [url, apiKey, mode, concurrencyText, secondsText, subscribersText, batchSizeText] =
  process.argv.slice(2);
const concurrency = Number(concurrencyText);
const deadline = Date.now() + Number(secondsText) * 1000;
const subscribers = Number(subscribersText);
const batchSize = mode === "batch" ? Number(batchSizeText) : 1;
const receipts = mode === "receipts" ? JSON.parse(readFileSync(subscribersText, "utf8")) : [];
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

const latencies = [];
const statuses = {};
const counter = { value: 0 };
let events = 0;

/** POSTs a JSON body; resolves with the status and the parsed answer (null if not JSON). */
function post(body, headers) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        agent,
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          let answer = null;
          try {
            answer = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          } catch {}
          resolve({ status: response.statusCode ?? 0, answer });
        });
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** The next request: its body, its headers, and how many events a 2xx answer says it stored. */
function nextRequest() {
  if (mode !== "receipts") {
    return {
      body: JSON.stringify({ events: eventBatch(counter, batchSize, subscribers, "bench-") }),
      headers: { authorization: `Bearer ${apiKey}` },
      stored: (answer) => answer?.accepted ?? 0,
    };
  }
  const index = counter.value;
  const receipt = receipts[index];
  if (!receipt) return null;
  counter.value += 1;
  return {
    body: JSON.stringify({ deliveryId: receipt.deliveryId, type: "delivered" }),
    headers: {
      "x-herald-device-token": receipt.token,
      // Browsers on many networks: the SDK's limits are per client address.
      "x-forwarded-for": `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
    },
    stored: (answer) => (answer?.recorded ? 1 : 0),
  };
}

async function lane() {
  while (Date.now() < deadline) {
    const request = nextRequest();
    if (!request) break;
    const started = performance.now();
    try {
      const { status, answer } = await post(request.body, request.headers);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) events += request.stored(answer);
    } catch {
      statuses.network = (statuses.network ?? 0) + 1;
    }
    latencies.push(performance.now() - started);
  }
}

const started = Date.now();
const cpuBefore = process.cpuUsage();
await Promise.all(Array.from({ length: concurrency }, lane));
const cpu = process.cpuUsage(cpuBefore);
const seconds = (Date.now() - started) / 1000;
agent.destroy();
latencies.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    requests: latencies.length,
    events,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    eventsPerSecond: events / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    statuses,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
  }),
);
