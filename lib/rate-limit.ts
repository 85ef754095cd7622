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

// Fixed window counter: INCR + EXPIRE in one round trip. Cheap and good
// enough for abuse control; a burst at a window edge can reach 2x the limit.
export async function consumeRateLimit(
  bucket: string,
  { limit, windowSeconds }: RateLimit,
): Promise<RateLimitResult> {
  const window = Math.floor(Date.now() / 1000 / windowSeconds);
  const key = redisKey("ratelimit", bucket, String(window));
  const [[, count] = [], [, ttl] = []] = (await getRedis()
    .multi()
    .incr(key)
    .expire(key, windowSeconds, "NX")
    .ttl(key)
    .exec()) as [Error | null, number][];
  const used = Number(count ?? 0);
  return {
    allowed: used <= limit,
    remaining: Math.max(0, limit - used),
    retryAfterSeconds: Math.max(1, Number(ttl ?? windowSeconds)),
  };
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
