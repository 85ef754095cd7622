import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";

export interface ClaimedDelivery {
  id: bigint;
  deviceId: bigint;
  subscriberId: bigint;
  variantId: string | null;
  platform: Platform;
  attempts: number;
  scheduledFor: Date | null;
}

/**
 * Takes the due rows of a send job's range for this job: pending rows whose
 * retry time and schedule have come, rows this same job held before its
 * worker died (BullMQ re-runs a stalled job only once its lock expired), and
 * rows whose claim lease ran out. Row locks make two workers' claims
 * disjoint, which is what stops a recipient from being sent twice.
 */
export async function claimDeliveries(input: {
  campaignId: string;
  fromId: bigint;
  toId: bigint;
  claimToken: string;
  leaseMs: number;
  excludePlatforms: Platform[];
}): Promise<ClaimedDelivery[]> {
  const rows = await getDb().$queryRaw<
    {
      id: bigint;
      deviceId: bigint;
      subscriberId: bigint;
      variantId: string | null;
      platform: Platform;
      attempts: number;
      scheduledFor: Date | null;
    }[]
  >`
    UPDATE deliveries SET status = 'queued', "claimToken" = ${input.claimToken}, "queuedAt" = now(),
           attempts = attempts + 1, "updatedAt" = now()
    WHERE id IN (
      SELECT id FROM deliveries
      WHERE "campaignId" = ${input.campaignId} AND id BETWEEN ${input.fromId} AND ${input.toId}
        AND "deviceId" IS NOT NULL
        AND NOT (platform::text = ANY(${input.excludePlatforms}))
        AND (
          (status = 'pending' AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= now())
                              AND ("scheduledFor" IS NULL OR "scheduledFor" <= now()))
          OR (status = 'queued' AND ("claimToken" = ${input.claimToken}
                                     OR "queuedAt" < now() - make_interval(secs => ${input.leaseMs / 1000})))
        )
      ORDER BY id
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, "deviceId", "subscriberId", "variantId", platform, attempts, "scheduledFor"`;
  return rows.map((row) => ({
    ...row,
    id: BigInt(row.id),
    deviceId: BigInt(row.deviceId),
    subscriberId: BigInt(row.subscriberId),
  }));
}

/** Rows of the range still waiting for a later time: when the next retry job must run. */
export async function nextDueTime(
  campaignId: string,
  fromId: bigint,
  toId: bigint,
): Promise<Date | null> {
  const [row] = await getDb().$queryRaw<{ due: Date | null }[]>`
    SELECT min(GREATEST(COALESCE("nextAttemptAt", now()), COALESCE("scheduledFor", now()))) AS due
    FROM deliveries
    WHERE "campaignId" = ${campaignId} AND id BETWEEN ${fromId} AND ${toId} AND status = 'pending'`;
  return row?.due ?? null;
}
