import { getRedis, redisKey } from "@/lib/redis";

/**
 * Takes `count` sends from a campaign's per-minute budget, shared by every
 * worker through Redis. Returns 0 when granted, else how long to wait for
 * the next minute's budget (the whole batch waits: no partial grants).
 */
export async function acquireThrottle(
  campaignId: string,
  perMinute: number,
  count: number,
): Promise<number> {
  const minute = Math.floor(Date.now() / 60_000);
  const key = redisKey("throttle", campaignId, String(minute));
  const used = await getRedis().incrby(key, count);
  await getRedis().expire(key, 120);
  if (used <= perMinute || used === count) return 0;
  await getRedis().decrby(key, count);
  return (minute + 1) * 60_000 - Date.now() + Math.floor(Math.random() * 1_000);
}
