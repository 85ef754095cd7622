// CPU time spent by each process of a benchmark, read from /proc: on a
// shared machine wall-clock throughput moves with everyone else's load, but
// the CPU seconds a recipient costs in each process do not, so these are the
// figures to compare between runs (and the ones that say how many recipients
// per second two idle cores could reach).
import { readFile } from "node:fs/promises";
import { Redis } from "ioredis";
import pg from "pg";

// Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel.
const ticksPerSecond = 100;

/** User + system CPU seconds a process has used so far, or null if it is gone or unreadable. */
export async function processCpuSeconds(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: count fields after it.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const user = Number(fields[11]);
    const system = Number(fields[12]);
    return Number.isFinite(user) && Number.isFinite(system)
      ? (user + system) / ticksPerSecond
      : null;
  } catch {
    return null;
  }
}

/**
 * CPU seconds of the PostgreSQL backends serving one database (keyed by pid),
 * when the server runs on this machine. Backends that close mid-run are missed,
 * so this is a lower bound.
 */
export async function databaseBackendsCpu(databaseUrl: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  const usage = new Map<number, number>();
  try {
    await client.connect();
    const { rows } = await client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    for (const { pid } of rows) {
      const seconds = await processCpuSeconds(pid);
      if (seconds !== null) usage.set(pid, seconds);
    }
  } catch {
    // A remote server: nothing to read.
  } finally {
    await client.end().catch(() => {});
  }
  return usage;
}

/** CPU seconds the database's backends used between two readings (new backends count whole). */
export function backendsCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** The Redis server's own CPU seconds (the whole server: other users of it count too). */
export async function redisCpuSeconds(url: string): Promise<number | null> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const info = await redis.info("cpu");
    const read = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, "m").exec(info)?.[1]);
    const total = read("used_cpu_sys") + read("used_cpu_user");
    return Number.isFinite(total) ? total : null;
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}

/** The 1-minute load average, to print beside every wall-clock figure. */
export async function loadAverage(): Promise<string> {
  try {
    return (await readFile("/proc/loadavg", "utf8")).split(" ").slice(0, 3).join(" ");
  } catch {
    return "?";
  }
}
