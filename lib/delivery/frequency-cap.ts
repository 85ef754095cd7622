import type { Redis } from "ioredis";
import { getRedis, redisKey } from "@/lib/redis";

const DAY_MS = 24 * 3600 * 1000;
const WEEK_MS = 7 * DAY_MS;

// One script call per batch of recipients, atomic in Redis, so any number of
// workers sending at once never let a subscriber past the cap. A sorted set
// per subscriber holds the campaigns sent to them in the last 7 days (scored
// by time), so both windows roll and a campaign reaching several of the same
// person's devices counts once. Keys are taken in order, so a subscriber twice
// in one batch is counted once, as a pipeline of single calls would.
const script = `
local now = tonumber(ARGV[1])
local dayCap = tonumber(ARGV[2])
local weekCap = tonumber(ARGV[3])
local campaign = ARGV[4]
local allowed = {}
for index, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - ${WEEK_MS})
  if redis.call('ZSCORE', key, campaign) then
    allowed[index] = 1
  elseif weekCap >= 0 and redis.call('ZCARD', key) >= weekCap then
    allowed[index] = 0
  elseif dayCap >= 0 and redis.call('ZCOUNT', key, now - ${DAY_MS}, '+inf') >= dayCap then
    allowed[index] = 0
  else
    redis.call('ZADD', key, now, campaign)
    redis.call('PEXPIRE', key, ${WEEK_MS})
    allowed[index] = 1
  end
end
return allowed
`;

// A few milliseconds of Redis per call at most.
const keysPerCall = 500;

interface CappingRedis extends Redis {
  heraldFrequencyCaps(keyCount: number, ...keysThenArgs: (string | number)[]): Promise<number[]>;
}

function cappingRedis(): CappingRedis {
  const redis = getRedis() as CappingRedis;
  if (typeof redis.heraldFrequencyCaps !== "function") {
    redis.defineCommand("heraldFrequencyCaps", { lua: script });
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
  /** Decimal ids. */
  subscriberIds: string[],
  caps: FrequencyCaps,
  now = Date.now(),
): Promise<boolean[]> {
  if (!subscriberIds.length) return [];
  const redis = cappingRedis();
  const allowed: boolean[] = [];
  for (let start = 0; start < subscriberIds.length; start += keysPerCall) {
    const keys = subscriberIds
      .slice(start, start + keysPerCall)
      .map((subscriberId) => redisKey("cap", appId, subscriberId));
    const replies = await redis.heraldFrequencyCaps(
      keys.length,
      ...keys,
      now,
      caps.perDay ?? -1,
      caps.perWeek ?? -1,
      campaignId,
    );
    for (const reply of replies) allowed.push(reply === 1);
  }
  return allowed;
}
