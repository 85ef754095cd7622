import { audienceSchema } from "@/lib/campaigns/audience";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { Platform } from "@/lib/db/generated/enums";
import type { Logger } from "@/lib/logger";
import { chunkIds, enqueueSends } from "@/lib/queue/queues";
import { audienceCondition } from "./audience-sql";
import { completeCampaignIfDone } from "./complete-campaign";
import { deliveryTuning } from "./tuning";
import { bucketSql, variantCaseSql } from "./variant-sql";

const allPlatforms: Platform[] = ["web", "ios", "android"];

interface InsertedRow {
  id: bigint;
  status: string;
}

/**
 * Materialises a campaign phase's audience as delivery rows, a chunk of
 * devices at a time (keyset on device id), and enqueues send jobs for each
 * chunk as soon as its rows exist, so sending starts before the audience is
 * fully written. Idempotent: a re-run inserts nothing twice (unique
 * campaign+device) and only enqueues what it inserted.
 */
export async function launchCampaignPhase(
  campaignId: string,
  phase: string,
  log: Logger,
): Promise<void> {
  const db = getDb();
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    include: { variants: { orderBy: { key: "asc" } }, topic: true },
  });
  if (campaign?.status !== "sending") {
    log.info({ campaignId, status: campaign?.status }, "launch skipped: campaign is not sending");
    return;
  }
  const audience = audienceSchema.parse(campaign.audience);
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
  const variantExpression = variantCaseSql(
    campaign.variants.map((variant) => ({ id: variant.id, weight: variant.weight })),
    bucketSql(campaignId, Prisma.sql`c.subscriber_id`),
  );
  // A topic campaign skips subscribers who opted out, or who never chose and
  // the topic is opt-in only.
  const topicOptOut = campaign.topic
    ? Prisma.sql`COALESCE((SELECT NOT p."optedIn" FROM subscriber_topic_preferences p
         WHERE p."subscriberId" = c.subscriber_id AND p."topicId" = ${campaign.topic.id}), ${!campaign.topic.defaultOptIn})`
    : Prisma.sql`false`;

  const tuning = deliveryTuning();
  const { launchChunkSize } = tuning;
  // A throttled campaign sends in batches no larger than its per-minute budget.
  const sendBatchSize = Math.min(
    tuning.sendBatchSize,
    campaign.throttlePerMinute ?? Number.POSITIVE_INFINITY,
  );
  let cursor = 0n;
  let inserted = 0;
  for (;;) {
    const rows = await db.$queryRaw<
      (InsertedRow & { last_device: bigint | null; scanned: bigint })[]
    >`
      WITH candidates AS (
        SELECT d.id AS device_id, d."subscriberId" AS subscriber_id, d.platform
        FROM devices d JOIN subscribers s ON s.id = d."subscriberId"
        WHERE d."appId" = ${campaign.appId} AND d.status = 'active' AND d.id > ${cursor}
          AND ${condition}
        ORDER BY d.id
        LIMIT ${launchChunkSize}
      ), classified AS (
        SELECT c.*,
          CASE WHEN c.platform::text = ANY(${missingPlatforms}) THEN 'no_credential'
               WHEN ${topicOptOut} THEN 'preference'
               ELSE NULL END AS skip_reason
        FROM candidates c
      ), inserted AS (
        INSERT INTO deliveries ("appId", "campaignId", "variantId", "subscriberId", "deviceId", platform,
                                phase, status, reason, "createdAt", "updatedAt")
        SELECT ${campaign.appId}, ${campaignId}, ${variantExpression}, c.subscriber_id, c.device_id, c.platform,
               ${phase}, (CASE WHEN c.skip_reason IS NULL THEN 'pending' ELSE 'skipped' END)::"DeliveryStatus",
               c.skip_reason, now(), now()
        FROM classified c
        ORDER BY c.device_id
        ON CONFLICT ("campaignId", "deviceId") DO NOTHING
        RETURNING id, status::text AS status
      )
      SELECT i.id, i.status,
             (SELECT max(device_id) FROM candidates) AS last_device,
             (SELECT count(*) FROM candidates) AS scanned
      FROM inserted i
      UNION ALL
      SELECT NULL, NULL, (SELECT max(device_id) FROM candidates), (SELECT count(*) FROM candidates)
      ORDER BY 1 NULLS LAST`;
    const summary = rows.at(-1);
    const pendingIds = rows
      .filter((row) => row.id !== null && row.status === "pending")
      .map((row) => BigInt(row.id));
    inserted += rows.length - 1;
    await enqueueSends(campaignId, chunkIds(pendingIds, sendBatchSize));
    if (!summary?.last_device || Number(summary.scanned) < launchChunkSize) break;
    cursor = BigInt(summary.last_device);
  }
  const audienceSize = await db.delivery.count({ where: { campaignId } });
  await db.campaign.update({
    where: { id: campaignId },
    data: { launchCompletedAt: new Date(), audienceSize },
  });
  log.info({ campaignId, phase, inserted, audienceSize }, "launch materialised");
  await completeCampaignIfDone(campaignId);
}
