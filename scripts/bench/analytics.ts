// npm run bench:analytics -- [--deliveries 10000000] [--campaigns 1000] [--days 30]
// Seeds one app with N deliveries over the last D days, in statements of
// ~100k rows so the rollup triggers aggregate a chunk at a time (as bulk
// sends do), then receipts (delivered, opened, dismissed, converted with
// revenue) as UPDATEs the same way, and prints how long the analytics
// queries take: a campaign's stats and the 30-day app overview must stay
// under 200 ms. Every tenth campaign is an A/B test, whose per-variant
// results read the delivery rows (lib/experiments) and are timed too.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { getAudienceStats } from "@/lib/analytics/get-audience-stats";
import { getCampaignAnalytics } from "@/lib/analytics/get-campaign-analytics";
import { getCampaignStats } from "@/lib/analytics/get-campaign-stats";
import { getOverviewStats } from "@/lib/analytics/get-overview-stats";
import { listCampaignStats } from "@/lib/analytics/list-campaign-stats";
import { disconnectDb, getDb } from "@/lib/db/client";
import { createBenchStack, parseFlags } from "./setup";

const flags = parseFlags(process.argv.slice(2));
const total = Number(flags.deliveries ?? 10_000_000);
const campaignCount = Number(flags.campaigns ?? 1_000);
const days = Number(flags.days ?? 30);
const chunkSize = Number(flags.chunk ?? 100_000);
if (
  ![total, campaignCount, days, chunkSize].every((value) => Number.isInteger(value) && value > 0)
) {
  console.error("usage: npm run bench:analytics -- --deliveries N --campaigns N --days N");
  process.exit(2);
}
const perCampaign = Math.ceil(total / campaignCount);
const budgetMs = 200;

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function timeQuery(name: string, run: () => Promise<unknown>, runs = 20) {
  const first = performance.now();
  await run();
  const coldMs = performance.now() - first;
  const warm: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    await run();
    warm.push(performance.now() - started);
  }
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)] ?? 0;
  const p95 = warm[Math.min(warm.length - 1, Math.floor(warm.length * 0.95))] ?? 0;
  return { name, coldMs, median, p95 };
}

const stack = await createBenchStack("analytics");
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: 2,
  options: "-c TimeZone=UTC",
});
try {
  const db = getDb();
  const appId = `bench${randomBytes(8).toString("hex")}`;
  await db.app.create({ data: { id: appId, publicId: `pub_${appId}`, name: "Analytics bench" } });

  // Campaigns spread evenly over the period, 70 % marketing, 20 % transactional,
  // 10 % triggered; every tenth an A/B test with two variants.
  const setupStarted = performance.now();
  await pool.query(
    `CREATE TABLE bench_campaigns AS
     SELECT i AS idx, 'bc' || $2 || lpad(i::text, 6, '0') AS id,
            (CASE WHEN i % 10 < 7 THEN 'marketing' WHEN i % 10 < 9 THEN 'transactional' ELSE 'triggered' END)::"CampaignCategory" AS category,
            (now() AT TIME ZONE 'UTC') - make_interval(days => $3) + (i + 0.5) * make_interval(days => $3) / $1 AS sent_at,
            i % 10 = 3 AS is_test
     FROM generate_series(0, $1 - 1) i`,
    [campaignCount, appId.slice(5, 13), days],
  );
  await pool.query(
    `INSERT INTO campaigns (id, "appId", name, category, status, "launchedAt", "completedAt", experiment, "createdAt", "updatedAt")
     SELECT id, $1, 'Campaign ' || idx, category, 'completed', sent_at, sent_at + interval '5 minutes',
            CASE WHEN is_test THEN '{"mode":"split","testPercent":50,"winnerMetric":"open_rate","windowMinutes":240,"selection":"auto"}'::jsonb END,
            sent_at, sent_at
     FROM bench_campaigns`,
    [appId],
  );
  await pool.query(
    `INSERT INTO variants (id, "campaignId", key, name, content, "createdAt")
     SELECT c.id || '_' || v.key, c.id, v.key, 'Variant ' || v.key, '{"title":"Hello"}', c.sent_at
     FROM bench_campaigns c CROSS JOIN (VALUES ('A'), ('B')) v(key)
     WHERE v.key = 'A' OR c.is_test`,
  );
  console.log(`${campaignCount.toLocaleString()} campaigns in ${seconds(setupStarted)} s`);

  // Deliveries: 97 % sent, 1.5 % failed (dead token), 1.5 % skipped (capped);
  // platforms 5:3:2 web, iOS, Android; each campaign sends over ~100 s.
  const insertStarted = performance.now();
  for (let start = 0; start < total; start += chunkSize) {
    const end = Math.min(total, start + chunkSize);
    await pool.query(
      `INSERT INTO deliveries ("appId", "campaignId", "variantId", "deviceId", platform, phase, status, reason,
                               "sentAt", attempts, "createdAt", "updatedAt")
       SELECT $1, c.id, c.id || '_' || CASE WHEN c.is_test AND s.i % 2 = 1 THEN 'B' ELSE 'A' END, s.i,
              (ARRAY['web','web','web','web','web','ios','ios','ios','android','android'])[s.i % 10 + 1]::"Platform",
              'main', s.status::"DeliveryStatus",
              CASE s.status WHEN 'failed' THEN 'token_dead' WHEN 'skipped' THEN 'frequency_cap' END,
              CASE WHEN s.status = 'sent' THEN c.sent_at + (s.i % $4) * interval '10 milliseconds' * (100000.0 / $4) END,
              1, c.sent_at, c.sent_at
       FROM (SELECT i, CASE WHEN r < 0.97 THEN 'sent' WHEN r < 0.985 THEN 'failed' ELSE 'skipped' END AS status
             FROM (SELECT i, random() AS r FROM generate_series($2::bigint, $3::bigint - 1) i) g) s
       JOIN bench_campaigns c ON c.idx = s.i / $4`,
      [appId, start, end, perCampaign],
    );
    if ((end / chunkSize) % 10 === 0 || end === total) {
      console.log(`  ${end.toLocaleString()} deliveries inserted (${seconds(insertStarted)} s)`);
    }
  }

  // Receipts by category (DESIGN's open-rate ranges), opens after a
  // log-normal delay (median ~10 min), 8 % of opens converting within the hour.
  const { rows: bounds } = await pool.query<{ low: string; high: string }>(
    `SELECT min(id)::text AS low, max(id)::text AS high FROM deliveries WHERE "appId" = $1`,
    [appId],
  );
  const low = BigInt(bounds[0]?.low ?? "0");
  const high = BigInt(bounds[0]?.high ?? "0");
  const receiptsStarted = performance.now();
  for (let start = low; start <= high; start += BigInt(chunkSize)) {
    await pool.query(
      `UPDATE deliveries d SET
         "deliveredAt" = CASE WHEN x.delivered THEN d."sentAt" + interval '3 seconds' END,
         "openedAt" = CASE WHEN x.opened THEN least(d."sentAt" + x.delay, x.now) END,
         "dismissedAt" = CASE WHEN x.delivered AND NOT x.opened AND x.r5 < 0.3 THEN least(d."sentAt" + x.delay, x.now) END,
         "convertedAt" = CASE WHEN x.opened AND x.r5 < 0.08 THEN least(d."sentAt" + x.delay + interval '20 minutes', x.now) END,
         revenue = CASE WHEN x.opened AND x.r5 < 0.08 THEN round((20 + x.r6 * 180)::numeric, 2) END,
         "updatedAt" = x.now
       FROM (
         SELECT id, r1 < 0.96 AS delivered,
                r1 < 0.96 AND r2 < CASE category WHEN 'transactional' THEN 0.82 WHEN 'triggered' THEN 0.14 ELSE 0.055 END AS opened,
                make_interval(secs => least(172800, exp(ln(600) + 1.3 * sqrt(-2 * ln(1 - r3)) * cos(2 * pi() * r4)))) AS delay,
                r5, r6, now() AT TIME ZONE 'UTC' AS now
         FROM (
           -- random() in a select list runs once per row (in a FROM-less subquery it may run once).
           SELECT d.id, c.category, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
                  random() AS r5, random() AS r6
           FROM deliveries d JOIN bench_campaigns c ON c.id = d."campaignId"
           WHERE d.id >= $1 AND d.id < $2 AND d.status = 'sent'
         ) r
       ) x
       WHERE d.id = x.id`,
      [start.toString(), (start + BigInt(chunkSize)).toString()],
    );
    const done = Number(start - low) + chunkSize;
    if ((done / chunkSize) % 10 === 0 || start + BigInt(chunkSize) > high) {
      console.log(
        `  receipts through ${Math.min(done, total).toLocaleString()} rows (${seconds(receiptsStarted)} s)`,
      );
    }
  }
  // As autovacuum would after a bulk load; the rollups are what the queries read.
  await pool.query(
    "VACUUM ANALYZE delivery_rollups, delivery_cohort_rollups, delivery_reason_rollups, deliveries",
  );

  const { rows: counts } = await pool.query<{
    deliveries: string;
    rollups: string;
    cohorts: string;
  }>(
    `SELECT (SELECT count(*) FROM deliveries)::text AS deliveries,
            (SELECT count(*) FROM delivery_rollups)::text AS rollups,
            (SELECT count(*) FROM delivery_cohort_rollups)::text AS cohorts`,
  );
  const middle = Math.floor(campaignCount / 2);
  const plainCampaign = `bc${appId.slice(5, 13)}${String(middle - (middle % 10)).padStart(6, "0")}`;
  const testCampaign = `bc${appId.slice(5, 13)}${String(middle - (middle % 10) + 3).padStart(6, "0")}`;
  const results = [
    await timeQuery("campaign stats (GET /api/v1/campaigns/{id}/stats)", () =>
      getCampaignStats(appId, plainCampaign),
    ),
    await timeQuery("campaign analytics", () => getCampaignAnalytics(appId, plainCampaign)),
    await timeQuery("campaign analytics, A/B test", () =>
      getCampaignAnalytics(appId, testCampaign),
    ),
    await timeQuery("app overview, 30 days", () => getOverviewStats(appId, {})),
    await timeQuery("app overview, 30 days, hourly", () =>
      getOverviewStats(appId, { granularity: "hour" }),
    ),
    await timeQuery("audience, 30 days", () => getAudienceStats(appId, {})),
    await timeQuery("campaign list, 30 days", () => listCampaignStats(appId, { limit: 100 })),
  ];
  const overview = await getOverviewStats(appId, {});
  console.log(`
Analytics: ${Number(counts[0]?.deliveries).toLocaleString()} deliveries in ${campaignCount.toLocaleString()} campaigns over ${days} days
  rollup rows: ${Number(counts[0]?.rollups).toLocaleString()} hourly, ${Number(counts[0]?.cohorts).toLocaleString()} by send hour
  30-day overview: ${overview.totals.sent.toLocaleString()} sent, delivery ${overview.rates.deliveryRate} %, open ${overview.rates.openRate} %
  seeding: inserts ${seconds(insertStarted)} s in total (receipts included)

  query                                                 cold      median    p95       budget
${results
  .map(
    (result) =>
      `  ${result.name.padEnd(52)}  ${result.coldMs.toFixed(1).padStart(6)} ms ${result.median.toFixed(1).padStart(6)} ms ${result.p95.toFixed(1).padStart(6)} ms  ${result.p95 <= budgetMs ? "ok" : "OVER"}`,
  )
  .join("\n")}
`);
  if (results.some((result) => result.p95 > budgetMs)) process.exitCode = 1;
} finally {
  await pool.end();
  await disconnectDb();
  await stack.teardown();
}
