// The load half of `npm run bench:ingest`, in its own process so the server
// under test does not share an event loop with the client measuring it.
// usage: node ingest-load.mjs <url> <apiKey> <single|batch> <concurrency> <seconds> <subscribers> <batchSize>
const [url, apiKey, mode, concurrencyText, secondsText, subscribersText, batchSizeText] =
  process.argv.slice(2);
const concurrency = Number(concurrencyText);
const deadline = Date.now() + Number(secondsText) * 1000;
const subscribers = Number(subscribersText);
const batchSize = mode === "batch" ? Number(batchSizeText) : 1;

const latencies = [];
const statuses = {};
let events = 0;
let sequence = 0;

function batch() {
  const list = [];
  for (let index = 0; index < batchSize; index += 1) {
    sequence += 1;
    list.push({
      externalId: `bench-${sequence % subscribers}`,
      name: sequence % 10 === 0 ? "purchase" : "page_viewed",
      properties: { path: `/p/${sequence % 100}` },
      ...(sequence % 10 === 0 ? { revenue: 12.5, currency: "EUR" } : {}),
      eventId: `e-${process.pid}-${sequence}`,
    });
  }
  return list;
}

async function lane() {
  while (Date.now() < deadline) {
    const body = JSON.stringify({ events: batch() });
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body,
      });
      const answer = await response.json().catch(() => ({}));
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.ok) events += answer.accepted ?? 0;
    } catch {
      statuses.network = (statuses.network ?? 0) + 1;
    }
    latencies.push(performance.now() - started);
  }
}

const started = Date.now();
await Promise.all(Array.from({ length: concurrency }, lane));
const seconds = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (share) =>
  latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? 0;
console.log(
  JSON.stringify({
    requests: latencies.length,
    events,
    seconds,
    requestsPerSecond: latencies.length / seconds,
    eventsPerSecond: events / seconds,
    p50: at(0.5),
    p99: at(0.99),
    statuses,
  }),
);
