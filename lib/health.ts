import { getDb } from "@/lib/db/client";
import { getRedis } from "@/lib/redis";

export interface DependencyHealth {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  ok: boolean;
  service: string;
  checks: { database: DependencyHealth; redis: DependencyHealth };
}

async function probe(check: () => Promise<unknown>): Promise<DependencyHealth> {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out after 2 s")), 2_000)),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      // Driver messages can carry connection strings; report the kind only.
      error:
        error instanceof Error && error.message.startsWith("timed out")
          ? error.message
          : "unreachable",
    };
  }
}

export async function checkHealth(service: string): Promise<HealthReport> {
  const [database, redis] = await Promise.all([
    probe(() => getDb().$queryRaw`select 1`),
    probe(() => getRedis().ping()),
  ]);
  return { ok: database.ok && redis.ok, service, checks: { database, redis } };
}
