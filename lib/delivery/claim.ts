import { getPool } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";

/** A claimed row; ids are bigint columns read as decimal strings (what the SQL and payloads need). */
export interface ClaimedDelivery {
  id: string;
  deviceId: string;
  subscriberId: string;
  variantId: string | null;
  platform: Platform;
  attempts: number;
  /** Epoch ms, or null when the row goes at launch. */
  scheduledForMs: number | null;
  /** The row's device, read in the same statement; null when it was deleted meanwhile. */
  device: ClaimedDevice | null;
}

export interface ClaimedDevice {
  address: string;
  webP256dh: string | null;
  webAuth: string | null;
  /** Epoch ms. */
  lastRegisteredAtMs: number;
  isTestDevice: boolean;
}

interface ClaimRow {
  id: string;
  deviceId: string;
  subscriberId: string;
  variantId: string | null;
  platform: Platform;
  attempts: number;
  scheduledForMs: number | null;
  address: string | null;
  webP256dh: string | null;
  webAuth: string | null;
  lastRegisteredAtMs: number | null;
  isTestDevice: boolean | null;
}

// The candidates come from (campaignId, status, id) index ranges, one per
// status, whatever the planner believes about a campaign its statistics do
// not know yet; the locking level repeats every condition, so a row another
// job changed meanwhile is re-checked before it is taken. The same statement
// reads each claimed row's device. Prepared once per connection (named), and
// run on the shared pg pool: Prisma's per-row decoding cost more than the SQL.
const claimStatement = {
  name: "herald_claim_deliveries_v1",
  text: `
    WITH claimed AS (
      UPDATE deliveries SET status = 'queued', "claimToken" = $4, "queuedAt" = now(),
             attempts = attempts + 1, "updatedAt" = now()
      WHERE id IN (
        SELECT id FROM deliveries
        WHERE id = ANY(ARRAY(
                SELECT id FROM deliveries
                WHERE "campaignId" = $1 AND status = 'pending' AND id BETWEEN $2::bigint AND $3::bigint
                UNION ALL
                SELECT id FROM deliveries
                WHERE "campaignId" = $1 AND status = 'queued' AND id BETWEEN $2::bigint AND $3::bigint))
          AND "deviceId" IS NOT NULL
          AND NOT (platform::text = ANY($7::text[]))
          AND (
            (status = 'pending' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= now())
                                AND ("scheduledFor" IS NULL OR "scheduledFor" <= now()))
            OR (status = 'queued' AND (split_part("claimToken", '/', 1) = $5
                                       OR "queuedAt" < now() - make_interval(secs => $6::float8)))
          )
        ORDER BY id
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id, "deviceId", "subscriberId", "variantId", platform, attempts, "scheduledFor"
    )
    SELECT c.id::text AS id, c."deviceId"::text AS "deviceId", c."subscriberId"::text AS "subscriberId",
           c."variantId", c.platform::text AS platform, c.attempts,
           (extract(epoch FROM c."scheduledFor") * 1000)::float8 AS "scheduledForMs",
           d.address, d."webP256dh", d."webAuth",
           (extract(epoch FROM d."lastRegisteredAt") * 1000)::float8 AS "lastRegisteredAtMs",
           d."isTestDevice"
    FROM claimed c LEFT JOIN devices d ON d.id = c."deviceId"
    ORDER BY c.id`,
};

/**
 * One run of a send job: the job id, then the run's own BullMQ lock token.
 * BullMQ runs a job again once its lock lapsed — after its worker died, but
 * also while a stalled run (a blocked event loop, a slow Redis) is still
 * going — so two runs of one job can overlap and must not share a claim.
 */
export function claimTokenOf(jobId: string, runToken: string): string {
  return `${jobId}/${runToken}`;
}

/**
 * Takes the due rows of a send job's range for this run: pending rows whose
 * retry time and schedule have come, rows an earlier run of this same job
 * held (BullMQ re-runs a job only once its lock expired: that run is dead or
 * stalled, and a stalled one stops at its next write, see ResultWriter), and
 * rows whose claim lease ran out. Row locks make two workers' claims
 * disjoint, which is what stops a recipient from being sent twice.
 */
export async function claimDeliveries(input: {
  campaignId: string;
  fromId: bigint;
  toId: bigint;
  jobId: string;
  claimToken: string;
  leaseMs: number;
  excludePlatforms: Platform[];
}): Promise<ClaimedDelivery[]> {
  const { rows } = await getPool().query<ClaimRow>({
    ...claimStatement,
    values: [
      input.campaignId,
      input.fromId.toString(),
      input.toId.toString(),
      input.claimToken,
      input.jobId,
      input.leaseMs / 1000,
      input.excludePlatforms,
    ],
  });
  return rows.map((row) => ({
    id: row.id,
    deviceId: row.deviceId,
    subscriberId: row.subscriberId,
    variantId: row.variantId,
    platform: row.platform,
    attempts: row.attempts,
    scheduledForMs: row.scheduledForMs,
    device:
      row.address === null
        ? null
        : {
            address: row.address,
            webP256dh: row.webP256dh,
            webAuth: row.webAuth,
            lastRegisteredAtMs: row.lastRegisteredAtMs ?? 0,
            isTestDevice: row.isTestDevice ?? false,
          },
  }));
}

// Rows of a paused platform (SendingCampaign.failingPlatforms) are not
// due: no job may claim them until a fixed credential re-enqueues them (see
// saveCredential), and counting them would re-queue the job at once, over
// and over.
const nextDueStatement = {
  name: "herald_next_due_delivery_v3",
  text: `
    SELECT (extract(epoch FROM min(GREATEST(COALESCE("nextAttemptAt", now()), COALESCE("scheduledFor", now()))))
            * 1000)::float8 AS due
    FROM deliveries
    WHERE "campaignId" = $1 AND status = 'pending' AND id BETWEEN $2::bigint AND $3::bigint
      AND NOT (platform::text = ANY($4::text[]))`,
};

/** Rows of the range still waiting for a later time: when (epoch ms) the next retry job must run. */
export async function nextDueTime(input: {
  campaignId: string;
  fromId: bigint;
  toId: bigint;
  excludePlatforms: Platform[];
}): Promise<number | null> {
  const { rows } = await getPool().query<{ due: number | null }>({
    ...nextDueStatement,
    values: [
      input.campaignId,
      input.fromId.toString(),
      input.toId.toString(),
      input.excludePlatforms,
    ],
  });
  return rows[0]?.due ?? null;
}
