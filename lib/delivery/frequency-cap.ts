import type { Redis } from "ioredis";
import { getRedis, redisKey } from "@/lib/redis";

const DAY_MS = 24 * 3600 * 1000;
const WEEK_MS = 7 * DAY_MS;

// One script call per recipient, atomic in Redis, so any number of workers
// sending at once never let a subscriber past the cap. A sorted set per
// subscriber holds the campaigns sent to them in the last 7 days (scored by
// time), so both windows roll and a campaign reaching several of the same
// person's devices counts once.
const script = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local dayCap = tonumber(ARGV[2])
local weekCap = tonumber(ARGV[3])
local campaign = ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - ${WEEK_MS})
if redis.call('ZSCORE', key, campaign) then return 1 end
if weekCap >= 0 and redis.call('ZCARD', key) >= weekCap then return 0 end
if dayCap >= 0 and redis.call('ZCOUNT', key, now - ${DAY_MS}, '+inf') >= dayCap then return 0 end
redis.call('ZADD', key, now, campaign)
redis.call('PEXPIRE', key, ${WEEK_MS})
return 1
`;

interface CappingRedis extends Redis {
  heraldFrequencyCap(
    key: string,
    now: number,
    dayCap: number,
    weekCap: number,
    campaign: string,
  ): Promise<number>;
}

function cappingRedis(): CappingRedis {
  const redis = getRedis() as CappingRedis;
  if (typeof redis.heraldFrequencyCap !== "function") {
    redis.defineCommand("heraldFrequencyCap", { numberOfKeys: 1, lua: script });
  }
  return redis;
}

export interface FrequencyCaps {
  /** Sends per rolling 24 h; null for no limit. */
  perDay: number | null;
  /** Sends per rolling 7 days; null for no limit. */
  perWeek: number | null;
}

/**
 * Takes a slot under the caps for each subscriber, in order; returns which
 * of them may be sent this campaign. A subscriber already counted for this
 * campaign (another of their devices) passes without taking a second slot.
 */
export async function takeCapSlots(
  appId: string,
  campaignId: string,
  subscriberIds: bigint[],
  caps: FrequencyCaps,
  now = Date.now(),
): Promise<boolean[]> {
  if (!subscriberIds.length) return [];
  const redis = cappingRedis();
  const pipeline = redis.pipeline();
  for (const subscriberId of subscriberIds) {
    (pipeline as unknown as CappingRedis).heraldFrequencyCap(
      redisKey("cap", appId, subscriberId.toString()),
      now,
      caps.perDay ?? -1,
      caps.perWeek ?? -1,
      campaignId,
    );
  }
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([error, allowed]) => {
    if (error) throw error;
    return allowed === 1;
  });
}
