// npm run bench:segments -- [--subscribers 1000000] [--events 10000000] [--runs 7]
// Seeds one app with N subscribers (about 1.1 devices each) and M events in a
// throwaway database, straight in SQL (INSERT … SELECT generate_series, the
// indexes rebuilt after the load), then times the live count of a few
// segments through the builder's preview (compile, count, sample). Prints the first
// (cold) run and the median of the warm ones; the budget is 500 ms. The
// machine's load average is printed too: on a shared box it moves the figures.
import { randomBytes } from "node:crypto";
import { availableParallelism, loadavg } from "node:os";
import pg from "pg";
import { createApp } from "@/lib/apps/create-app";
import { disconnectDb, getDb } from "@/lib/db/client";
import { segmentDefinitionSchema } from "@/lib/segments/definition";
import { discoverSegmentFields } from "@/lib/segments/discover-fields";
import { previewSegment } from "@/lib/segments/preview-segment";
import { createBenchStack, parseFlags } from "./setup";

const flags = parseFlags(process.argv.slice(2));
const subscriberCount = Number(flags.subscribers ?? 1_000_000);
const eventCount = Number(flags.events ?? 10_000_000);
const runs = Number(flags.runs ?? 7);
const BUDGET_MS = 500;
if (![subscriberCount, eventCount, runs].every((value) => Number.isInteger(value) && value > 0)) {
  console.error("usage: npm run bench:segments -- --subscribers N --events N --runs N");
  process.exit(2);
}

const stack = await createBenchStack("segments");
const pool = await openLoadPool();

/**
 * Two connections, one per core. The seed is consistent by construction, so
 * a superuser skips the per-row foreign-key checks and rollup triggers
 * (session_replication_role, 3× faster); anyone else keeps them.
 */
async function openLoadPool(): Promise<pg.Pool> {
  const connectionString = process.env.DATABASE_URL;
  const fast = new pg.Pool({
    connectionString,
    max: 2,
    options: "-c synchronous_commit=off -c session_replication_role=replica",
  });
  try {
    await fast.query("SELECT 1");
    return fast;
  } catch {
    await fast.end();
    return new pg.Pool({ connectionString, max: 2, options: "-c synchronous_commit=off" });
  }
}

async function timed(label: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  console.log(`  ${label.padEnd(44)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** `rnd(seed)`: a stable pseudo-random non-negative int per row, from PostgreSQL's own hash. */
const rnd = (seed: string) => `(hashint4(${seed}) & 2147483647)`;

/**
 * Secondary indexes are dropped for the load and rebuilt after: building an
 * index over sorted data is many times faster than maintaining it row by row.
 */
async function withoutSecondaryIndexes(tables: string[], load: () => Promise<void>) {
  const { rows } = await pool.query<{ indexname: string; indexdef: string; tablename: string }>(
    `SELECT i.indexname, i.indexdef, i.tablename FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  for (const row of rows) await pool.query(`DROP INDEX "${row.indexname}"`);
  await load();
  await timed(`rebuilt ${rows.length} indexes`, () =>
    Promise.all(
      tables.map(async (table) => {
        const client = await pool.connect();
        try {
          await client.query("SET maintenance_work_mem = '512MB'");
          for (const row of rows.filter((entry) => entry.tablename === table)) {
            await client.query(row.indexdef);
          }
        } finally {
          client.release();
        }
      }),
    ),
  );
}

async function inChunks(
  total: number,
  chunk: number,
  insert: (from: number, to: number) => string,
) {
  const ranges: [number, number][] = [];
  for (let from = 1; from <= total; from += chunk)
    ranges.push([from, Math.min(total, from + chunk - 1)]);
  const workers = [0, 1].map(async () => {
    for (let range = ranges.shift(); range; range = ranges.shift()) {
      await pool.query(insert(range[0], range[1]));
    }
  });
  await Promise.all(workers);
}

async function seed(appId: string): Promise<void> {
  const plans = `(ARRAY['free','free','free','free','free','free','free','pro','pro','vip'])`;
  const countries = `(ARRAY['GB','FR','DE','US','US','BR','JP','AU','ES','IT'])`;
  const locales = `(ARRAY['en-GB','fr-FR','de-DE','en-US','en-US','pt-BR','ja-JP','en-AU','es-ES','it-IT'])`;
  const zones = `(ARRAY['Europe/London','Europe/Paris','Europe/Berlin','America/New_York','America/Los_Angeles','America/Sao_Paulo','Asia/Tokyo','Australia/Sydney','Europe/Madrid','Europe/Rome'])`;
  const extraDevices = Math.floor(subscriberCount / 10);
  await withoutSecondaryIndexes(["subscribers", "devices", "events"], async () => {
    await timed(`${subscriberCount.toLocaleString()} subscribers`, () =>
      inChunks(
        subscriberCount,
        250_000,
        (from, to) => `
        INSERT INTO subscribers (id, "appId", "externalId", attributes, tags, timezone, locale, country,
                                 "firstSeenAt", "lastSeenAt", "createdAt", "updatedAt")
        SELECT g, '${appId}', 'user-' || g,
          jsonb_build_object(
            'plan', ${plans}[1 + ${rnd("g")} % 10],
            'lifetime_value', round((${rnd("g * 7")} % 50000) / 100.0, 2),
            'newsletter', (${rnd("g * 13")} % 2) = 1,
            'first_name', (ARRAY['Ada','Grace','Alan','Linus','Margaret','Ken'])[1 + ${rnd("g * 3")} % 6]),
          CASE WHEN ${rnd("g * 5")} % 10 < 3 THEN ARRAY['newsletter']
               WHEN ${rnd("g * 5")} % 10 = 3 THEN ARRAY['beta','newsletter'] ELSE ARRAY[]::text[] END,
          ${zones}[1 + ${rnd("g * 11")} % 10], ${locales}[1 + ${rnd("g * 11")} % 10],
          ${countries}[1 + ${rnd("g * 11")} % 10],
          now() - (${rnd("g * 19")} % 365) * interval '1 day',
          now() - (${rnd("g * 23")} % 90) * interval '1 day' - (${rnd("g * 29")} % 86400) * interval '1 second',
          now(), now()
        FROM generate_series(${from}, ${to}) g`,
      ),
    );
    await pool.query(
      `SELECT setval(pg_get_serial_sequence('subscribers', 'id'), ${subscriberCount})`,
    );
    await timed(`${(subscriberCount + extraDevices).toLocaleString()} devices`, () =>
      inChunks(
        subscriberCount + extraDevices,
        250_000,
        (from, to) => `
        INSERT INTO devices (id, "appId", "subscriberId", platform, address, status, "optedInAt",
                             "createdAt", "updatedAt")
        SELECT g, '${appId}',
          CASE WHEN g <= ${subscriberCount} THEN g ELSE (g - ${subscriberCount}) * 10 END,
          (ARRAY['web','web','web','web','web','ios','ios','ios','android','android'])[1 + ${rnd("g * 31")} % 10]::"Platform",
          'https://push.example/' || md5(g::text),
          (CASE WHEN ${rnd("g * 37")} % 10 = 0 THEN 'unsubscribed' ELSE 'active' END)::"DeviceStatus",
          now() - (${rnd("g * 19")} % 365) * interval '1 day', now(), now()
        FROM generate_series(${from}, ${to}) g`,
      ),
    );
    await pool.query(
      `SELECT setval(pg_get_serial_sequence('devices', 'id'), ${subscriberCount + extraDevices})`,
    );
    await timed(`${eventCount.toLocaleString()} events over 90 days`, () =>
      inChunks(
        eventCount,
        500_000,
        (from, to) => `
        INSERT INTO events ("appId", "subscriberId", name, properties, revenue, currency, "occurredAt", "receivedAt")
        SELECT '${appId}', 1 + ${rnd("g")} % ${subscriberCount}, n.name,
          CASE WHEN n.name IN ('product_viewed', 'added_to_cart', 'purchase')
               THEN jsonb_build_object('product', (ARRAY['sneakers','backpack','rain-jacket','headphones','water-bottle','sunglasses'])[1 + ${rnd("g * 41")} % 6])
               ELSE '{}'::jsonb END,
          CASE WHEN n.name = 'purchase' THEN round(20 + (${rnd("g * 43")} % 18000) / 100.0, 2) END,
          CASE WHEN n.name = 'purchase' THEN 'EUR' END,
          now() - (${rnd("g * 47")} % (90 * 86400)) * interval '1 second', now()
        FROM generate_series(${from}, ${to}) g
        CROSS JOIN LATERAL (SELECT CASE
            WHEN r < 45 THEN 'session_start' WHEN r < 75 THEN 'product_viewed'
            WHEN r < 87 THEN 'added_to_cart' WHEN r < 90 THEN 'purchase'
            WHEN r < 95 THEN 'search' ELSE 'app_opened' END AS name
          FROM (SELECT ${rnd("g * 53")} % 100 AS r) pick) n`,
      ),
    );
  });
  await timed("vacuum analyze", async () => {
    for (const table of ["subscribers", "devices", "events"])
      await pool.query(`VACUUM ANALYZE ${table}`);
  });
}

const group = (combinator: "and" | "or", children: unknown[], negate = false) => ({
  type: "group",
  combinator,
  negate,
  children,
});
const last = (amount: number) => ({ type: "last", amount, unit: "days" });

const segments: { label: string; root: unknown }[] = [
  {
    label: "4 conditions: plan, country, seen 30 d, purchased 30 d",
    root: group("and", [
      {
        type: "attribute",
        attribute: "plan",
        valueType: "string",
        op: "in",
        values: ["pro", "vip"],
      },
      { type: "country", op: "in", values: ["FR", "DE", "GB"] },
      { type: "last_seen", op: "in_last", amount: 30, unit: "days" },
      { type: "event", event: "purchase", op: "did", within: last(30) },
    ]),
  },
  {
    label: "4 conditions: tag, platform, age, 2+ buys ≥ 100 € in 90 d",
    root: group("and", [
      { type: "tag", op: "has", value: "newsletter" },
      { type: "platform", op: "in", values: ["ios", "android"] },
      { type: "first_seen", op: "more_than_ago", amount: 30, unit: "days" },
      {
        type: "event",
        event: "purchase",
        op: "at_least",
        count: 2,
        within: last(90),
        revenue: { op: "gte", value: 100 },
      },
    ]),
  },
  {
    label: "nested OR / NOT with a did-not event",
    root: group("and", [
      group("or", [
        { type: "country", op: "equals", value: "FR" },
        { type: "locale", op: "starts_with", value: "en" },
      ]),
      group("and", [{ type: "event", event: "session_start", op: "did", within: last(7) }], true),
      { type: "attribute", attribute: "lifetime_value", valueType: "number", op: "gt", value: 100 },
    ]),
  },
  { label: "everyone (no conditions)", root: group("and", []) },
];

/** The builder's live count end to end: compile, count by platform and sample, as the preview route does. */
async function timeCount(appId: string, root: unknown) {
  const definition = segmentDefinitionSchema.parse({ version: 1, root });
  const times: number[] = [];
  let subscribers = 0;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    subscribers = (await previewSegment(appId, { definition })).count;
    times.push(performance.now() - started);
  }
  const [cold = 0, ...warm] = times;
  const sorted = [...warm].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? cold;
  return { subscribers, cold, median, best: sorted[0] ?? cold, worst: sorted.at(-1) ?? cold };
}

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
  console.log("Seeding:");
  await timed("total", () => seed(app.id));

  const load = () => loadavg()[0]?.toFixed(1) ?? "?";
  console.log(
    `\nLive count (${runs} runs each; cold = first, then the median of the rest; load average ${load()}):`,
  );
  let headlineMedian = 0;
  for (const [index, segment] of segments.entries()) {
    const result = await timeCount(app.id, segment.root);
    if (index === 0) headlineMedian = result.median;
    console.log(
      `  ${segment.label.padEnd(58)} ${result.subscribers.toLocaleString().padStart(9)} subscribers` +
        `   cold ${result.cold.toFixed(0).padStart(5)} ms   median ${result.median.toFixed(0).padStart(5)} ms` +
        `   (${result.best.toFixed(0)}–${result.worst.toFixed(0)})`,
    );
  }
  const fieldsStarted = performance.now();
  const fields = await discoverSegmentFields(app.id);
  console.log(
    `\nField discovery: ${fields.attributes.length} attributes, ${fields.events.length} events in ${(performance.now() - fieldsStarted).toFixed(0)} ms`,
  );
  console.log(`Load average after counting: ${load()} on ${availableParallelism()} cores.`);
  const verdict = headlineMedian < BUDGET_MS ? "within" : "OVER";
  console.log(
    `\n${subscriberCount.toLocaleString()} subscribers, ${eventCount.toLocaleString()} events: the 4-condition segment counts in ${headlineMedian.toFixed(0)} ms (median), ${verdict} the ${BUDGET_MS} ms budget.`,
  );
  if (headlineMedian >= BUDGET_MS) process.exitCode = 1;
} finally {
  await pool.end();
  await disconnectDb();
  await stack.teardown();
}
