import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { Platform } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";

export interface AudienceCount {
  /** Subscribers with at least one active device the condition keeps. */
  subscribers: number;
  /** Those devices: one push each. */
  devices: number;
  byPlatform: Record<Platform, number>;
}

interface CountRow {
  subscribers: bigint;
  web: bigint;
  ios: bigint;
  android: bigint;
}

/** A live count must not pile up behind a pathological segment while someone types. */
const COUNT_TIMEOUT_MS = 10_000;
/**
 * Hashing a million subscriber ids takes ~50 MB; with the server's default
 * work_mem (often 4 MB) PostgreSQL would split the hash into batches on disk.
 */
const COUNT_WORK_MEM = "64MB";

function isStatementTimeout(error: unknown): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === "P2010" &&
    JSON.stringify(error.meta ?? {}).includes('"57014"')
  );
}

/**
 * Runs an audience query in its own transaction with its own limits: a
 * timeout (a 400 the builder can show), room to hash in memory, and no JIT
 * (compiling the plan costs more than it saves on a sub-second count).
 */
export async function runAudienceQuery<T>(
  query: (tx: Prisma.TransactionClient) => Promise<T>,
  options: { preferSortedGroups?: boolean } = {},
): Promise<T> {
  try {
    return await getDb().$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT set_config('statement_timeout', ${String(COUNT_TIMEOUT_MS)}, true),
                                    set_config('work_mem', ${COUNT_WORK_MEM}, true),
                                    set_config('jit', 'off', true),
                                    set_config('enable_hashagg', ${options.preferSortedGroups ? "off" : "on"}, true)`;
        return query(tx);
      },
      { timeout: COUNT_TIMEOUT_MS + 5_000, maxWait: 5_000 },
    );
  } catch (error) {
    if (isStatementTimeout(error)) {
      throw new AppError(
        "bad_request",
        `Counting this segment took over ${COUNT_TIMEOUT_MS / 1000} s; narrow its event conditions (a shorter window, fewer OR branches)`,
      );
    }
    throw error;
  }
}

function toAudienceCount(row: CountRow | undefined): AudienceCount {
  const byPlatform = {
    web: Number(row?.web ?? 0),
    ios: Number(row?.ios ?? 0),
    android: Number(row?.android ?? 0),
  };
  return {
    subscribers: Number(row?.subscribers ?? 0),
    devices: byPlatform.web + byPlatform.ios + byPlatform.android,
    byPlatform,
  };
}

/**
 * Everyone who can receive a push: the app's active devices grouped by
 * subscriber straight off the (appId, status, subscriberId, platform) index,
 * already in subscriber order, with no join. What an empty segment (the
 * builder's starting point) counts.
 */
export async function countReachable(appId: string): Promise<AudienceCount> {
  const [row] = await runAudienceQuery(
    (tx) => tx.$queryRaw<CountRow[]>`
      SELECT count(*) AS subscribers,
             COALESCE(sum(web), 0)::bigint AS web,
             COALESCE(sum(ios), 0)::bigint AS ios,
             COALESCE(sum(android), 0)::bigint AS android
      FROM (
        SELECT "subscriberId",
               count(*) FILTER (WHERE platform = 'web') AS web,
               count(*) FILTER (WHERE platform = 'ios') AS ios,
               count(*) FILTER (WHERE platform = 'android') AS android
        FROM devices
        WHERE "appId" = ${appId} AND status = 'active'
        GROUP BY "subscriberId"
      ) per_subscriber`,
    // The index already yields devices in subscriber order; hashing a million
    // groups instead (PostgreSQL's usual pick) takes about twice as long.
    { preferSortedGroups: true },
  );
  return toAudienceCount(row);
}

/**
 * Subscribers (and their active devices, by platform) that a compiled
 * segment condition keeps. Grouping by subscriber first keeps this one pass
 * that PostgreSQL can run in parallel, instead of a count(DISTINCT …).
 */
export async function countAudience(appId: string, condition: Prisma.Sql): Promise<AudienceCount> {
  const [row] = await runAudienceQuery(
    (tx) => tx.$queryRaw<CountRow[]>`
      SELECT count(*) AS subscribers,
             COALESCE(sum(web), 0)::bigint AS web,
             COALESCE(sum(ios), 0)::bigint AS ios,
             COALESCE(sum(android), 0)::bigint AS android
      FROM (
        SELECT d."subscriberId",
               count(*) FILTER (WHERE d.platform = 'web') AS web,
               count(*) FILTER (WHERE d.platform = 'ios') AS ios,
               count(*) FILTER (WHERE d.platform = 'android') AS android
        FROM devices d JOIN subscribers s ON s.id = d."subscriberId"
        WHERE d."appId" = ${appId} AND s."appId" = ${appId} AND d.status = 'active'
          AND ${condition}
        GROUP BY d."subscriberId"
      ) per_subscriber`,
  );
  return toAudienceCount(row);
}
