import type { Redis } from "ioredis";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getRedis, redisKey } from "@/lib/redis";

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

// Fixed window counter, counted and timed in one script: one command and one
// round trip per request. Cheap and good enough for abuse control; a burst at
// a window edge can reach 2x the limit.
const countScript = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;
type CountingRedis = Redis & {
  heraldRateCount(key: string, windowMs: number): Promise<[number, number]>;
};
const withScript = new WeakSet<Redis>();

/** INCR and the window's remaining time; ioredis sends EVALSHA and loads the script when Redis lacks it. */
function count(key: string, windowMs: number): Promise<[number, number]> {
  const redis = getRedis();
  if (!withScript.has(redis)) {
    redis.defineCommand("heraldRateCount", { numberOfKeys: 1, lua: countScript });
    withScript.add(redis);
  }
  return (redis as CountingRedis).heraldRateCount(key, windowMs);
}

const windowKey = (bucket: string, windowSeconds: number) =>
  redisKey("ratelimit", bucket, String(Math.floor(Date.now() / 1000 / windowSeconds)));

export async function consumeRateLimit(
  bucket: string,
  { limit, windowSeconds }: RateLimit,
): Promise<RateLimitResult> {
  const key = windowKey(bucket, windowSeconds);
  const [used, ttlMs] = await count(key, windowSeconds * 1000);
  return {
    allowed: used <= limit,
    remaining: Math.max(0, limit - used),
    retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
  };
}

/**
 * Gives back what one consumeRateLimit took from the bucket's current window,
 * for attempts that should not count (a sign-in that succeeded).
 */
export async function refundRateLimit(bucket: string, { windowSeconds }: RateLimit): Promise<void> {
  const key = windowKey(bucket, windowSeconds);
  // Only an existing counter: a refund after the window turned must not start the next one below zero.
  await getRedis().eval(
    "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end return 0",
    1,
    key,
  );
}

/**
 * Throws rate_limited past the limit. If Redis cannot be reached the call
 * is let through: abuse control must not turn an outage into API errors.
 */
export async function enforceRateLimit(bucket: string, rateLimit: RateLimit): Promise<void> {
  let result: RateLimitResult;
  try {
    result = await consumeRateLimit(bucket, rateLimit);
  } catch (error) {
    logger.warn({ err: error, bucket }, "rate limiter unavailable; request allowed");
    return;
  }
  if (!result.allowed) {
    throw new AppError("rate_limited", "Too many requests; slow down and retry later", {
      retryAfterSeconds: result.retryAfterSeconds,
    });
  }
}
