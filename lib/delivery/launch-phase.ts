import { audienceSchema } from "@/lib/campaigns/audience";
import { experimentSchema, scheduleSchema } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { Platform } from "@/lib/db/generated/enums";
import type { Logger } from "@/lib/logger";
import { enqueueSends } from "@/lib/queue/queues";
import { appBestOpenHour } from "./app-best-hour";
import { audienceCondition } from "./audience-sql";
import { completeCampaignIfDone } from "./complete-campaign";
import {
  holdoutSql,
  needsTimeZones,
  plannedTimeSql,
  quietHoursSql,
  type TimingContext,
} from "./timing-sql";
import { deliveryTuning } from "./tuning";
import { BUCKETS, bucketSql, variantCaseSql } from "./variant-sql";

const allPlatforms: Platform[] = ["web", "ios", "android"];

/** A send job's id range, or (from_id null) the chunk's summary. */
interface ChunkRow {
  from_id: bigint | null;
  to_id: bigint | null;
  last_device: bigint | null;
  scanned: bigint | null;
  inserted: bigint | null;
}

/**
 * Materialises a campaign phase's audience as delivery rows, a chunk of
 * devices at a time (keyset on device id), and enqueues send jobs for each
 * chunk as soon as its rows exist, so sending starts before the audience is
 * fully written. Each row gets its variant (a stable hash of subscriber and
 * campaign), its time (local time, best hour, quiet hours) and, when it must
 * not go, the reason it is skipped. Idempotent: a re-run inserts nothing
 * twice (unique campaign+device) and only enqueues what it inserted.
 *
 * Phases: `main` is the whole audience; an A/B test sends `test` (the
 * lowest buckets, split between variants) and later `remainder` (the other
 * buckets, all on the winner).
 */
export async function launchCampaignPhase(
  campaignId: string,
  phase: string,
  log: Logger,
  options: { onlySubscribers?: bigint[] } = {},
): Promise<void> {
  const db = getDb();
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    include: { variants: { orderBy: { key: "asc" } }, topic: true, app: true },
  });
  if (campaign?.status !== "sending") {
    log.info({ campaignId, status: campaign?.status }, "launch skipped: campaign is not sending");
    return;
  }
  const audience = audienceSchema.parse(campaign.audience);
  const schedule = scheduleSchema.parse(campaign.schedule);
  const experiment = campaign.experiment ? experimentSchema.parse(campaign.experiment) : null;
  const condition = await audienceCondition(campaign.appId, audience, async (segmentId) => {
    const segment = await db.segment.findFirst({ where: { id: segmentId, appId: campaign.appId } });
    return segment?.definition ?? null;
  });
  const credentials = await db.pushCredential.findMany({
    where: { appId: campaign.appId },
    select: { platform: true },
  });
  const missingPlatforms = allPlatforms.filter(
    (platform) => !credentials.some((credential) => credential.platform === platform),
  );

  const bucket = bucketSql(campaignId, Prisma.sql`c.subscriber_id`);
  const testBuckets =
    experiment?.mode === "winner" ? experiment.testPercent * (BUCKETS / 100) : BUCKETS;
  const winner = campaign.variants.find((variant) => variant.isWinner);
  const weighted = campaign.variants.map((variant) => ({ id: variant.id, weight: variant.weight }));
  const deviceBucket = bucketSql(campaignId, Prisma.sql`d."subscriberId"`);
  const phaseFilter =
    phase === "test"
      ? Prisma.sql`${deviceBucket} < ${testBuckets}`
      : phase === "remainder"
        ? Prisma.sql`${deviceBucket} >= ${testBuckets}`
        : Prisma.sql`true`;
  // A triggered campaign's firing reaches only the subscribers it fired for.
  const subscriberFilter = options.onlySubscribers
    ? Prisma.sql`d."subscriberId" = ANY(${options.onlySubscribers.map(String)}::bigint[])`
    : Prisma.sql`true`;
  const variantExpression =
    phase === "remainder"
      ? Prisma.sql`${winner?.id ?? null}::text`
      : variantCaseSql(weighted, bucket, { from: 0, to: phase === "test" ? testBuckets : BUCKETS });

  const appQuietHours =
    campaign.app.quietHoursStart !== null && campaign.app.quietHoursEnd !== null
      ? { startHour: campaign.app.quietHoursStart, endHour: campaign.app.quietHoursEnd }
      : null;
  const timing: TimingContext = {
    campaignId,
    schedule,
    appBestHour: schedule.type === "best_hour" ? await appBestOpenHour(campaign.appId) : null,
    quietHours: campaign.category === "transactional" ? null : appQuietHours,
    ttlSeconds: campaign.ttlSeconds,
  };
  const planned = plannedTimeSql(timing);
  const zoneColumn = needsTimeZones(timing)
    ? Prisma.sql`COALESCE(z.name, ${campaign.app.defaultTimezone})`
    : Prisma.sql`${campaign.app.defaultTimezone}::text`;
  const zoneJoin = needsTimeZones(timing)
    ? Prisma.sql`LEFT JOIN zones z ON z.name = s.timezone`
    : Prisma.empty;
  // A topic campaign skips subscribers who opted out, or who never chose and
  // the topic is opt-in only.
  const topicOptOut = campaign.topic
    ? Prisma.sql`COALESCE((SELECT NOT p."optedIn" FROM subscriber_topic_preferences p
         WHERE p."subscriberId" = c.subscriber_id AND p."topicId" = ${campaign.topic.id}), ${!campaign.topic.defaultOptIn})`
    : Prisma.sql`false`;

  const tuning = deliveryTuning();
  // A throttled campaign sends in batches no larger than its per-minute budget.
  const sendBatchSize = Math.min(
    tuning.sendBatchSize,
    campaign.throttlePerMinute ?? Number.POSITIVE_INFINITY,
  );
  let cursor = 0n;
  let inserted = 0;
  for (;;) {
    const rows = await db.$queryRaw<ChunkRow[]>`
      WITH zones AS MATERIALIZED (
        SELECT name FROM pg_timezone_names WHERE ${needsTimeZones(timing)}
      ), candidates AS (
        SELECT d.id AS device_id, d."subscriberId" AS subscriber_id, d.platform,
               d."isTestDevice" AS is_test, ${zoneColumn} AS tz
        FROM devices d JOIN subscribers s ON s.id = d."subscriberId" ${zoneJoin}
        WHERE d."appId" = ${campaign.appId} AND d.status = 'active' AND d.id > ${cursor}
          AND ${condition}
          AND ${phaseFilter} AND ${subscriberFilter}
        ORDER BY d.id
        LIMIT ${tuning.launchChunkSize}
      ), planned AS (
        SELECT c.*, ${planned} AS planned_at, ${holdoutSql(timing)} AS is_holdout FROM candidates c
      ), timed AS (
        SELECT c.*, ${quietHoursSql(timing, Prisma.sql`c.planned_at`)} AS scheduled_for FROM planned c
      ), classified AS (
        SELECT c.*,
          CASE WHEN c.platform::text = ANY(${missingPlatforms}) THEN 'no_credential'
               WHEN ${topicOptOut} THEN 'preference'
               WHEN c.scheduled_for > COALESCE(c.planned_at, now()) + make_interval(secs => ${timing.ttlSeconds})
                 THEN 'quiet_hours'
               ELSE NULL END AS skip_reason
        FROM timed c
      ), inserted AS (
        INSERT INTO deliveries ("appId", "campaignId", "variantId", "subscriberId", "deviceId", platform,
                                phase, status, reason, "scheduledFor", "createdAt", "updatedAt")
        SELECT ${campaign.appId}, ${campaignId}, ${variantExpression}, c.subscriber_id, c.device_id, c.platform,
               CASE WHEN c.is_holdout THEN 'holdout' ELSE ${phase} END,
               (CASE WHEN c.skip_reason IS NULL THEN 'pending' ELSE 'skipped' END)::"DeliveryStatus",
               c.skip_reason, c.scheduled_for, now(), now()
        FROM classified c
        ORDER BY c.scheduled_for NULLS FIRST, c.device_id
        ON CONFLICT ("campaignId", "deviceId", phase) DO NOTHING
        RETURNING id, status
      ), batches AS (
        -- The send jobs' id ranges: the pending rows in id order, sendBatchSize
        -- at a time (computed here, so 20,000 ids do not travel to the worker).
        SELECT min(id) AS from_id, max(id) AS to_id FROM (
          SELECT id, (row_number() OVER (ORDER BY id) - 1) / ${sendBatchSize} AS batch
          FROM inserted WHERE status = 'pending'
        ) numbered
        GROUP BY batch
      )
      SELECT from_id, to_id, NULL::bigint AS last_device, NULL::bigint AS scanned,
             NULL::bigint AS inserted
      FROM batches
      UNION ALL
      SELECT NULL, NULL, (SELECT max(device_id) FROM candidates), (SELECT count(*) FROM candidates),
             (SELECT count(*) FROM inserted)
      ORDER BY 1 NULLS LAST`;
    const summary = rows.at(-1);
    const ranges = rows
      .filter((row) => row.from_id !== null && row.to_id !== null)
      .map((row) => ({ fromId: BigInt(row.from_id ?? 0), toId: BigInt(row.to_id ?? 0) }));
    inserted += Number(summary?.inserted ?? 0);
    await enqueueSends(campaignId, ranges);
    if (!summary?.last_device || Number(summary.scanned) < tuning.launchChunkSize) break;
    cursor = BigInt(summary.last_device);
  }
  if (options.onlySubscribers) {
    log.info({ campaignId, phase, inserted }, "trigger firing materialised");
    return;
  }
  const [{ latest } = { latest: null }] = await db.$queryRaw<{ latest: Date | null }[]>`
    SELECT max("scheduledFor") AS latest FROM deliveries WHERE "campaignId" = ${campaignId} AND status = 'pending'`;
  const audienceSize = await db.delivery.count({ where: { campaignId } });
  await db.campaign.update({
    where: { id: campaignId },
    data: {
      launchCompletedAt: new Date(),
      audienceSize,
      // Nothing goes after its time plus the TTL; the latest-scheduled row sets the campaign's end.
      expiresAt: new Date(
        Math.max(Date.now(), latest?.getTime() ?? 0) + campaign.ttlSeconds * 1000,
      ),
    },
  });
  log.info({ campaignId, phase, inserted, audienceSize }, "launch materialised");
  await completeCampaignIfDone(campaignId);
}
