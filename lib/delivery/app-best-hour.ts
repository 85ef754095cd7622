import { getDb } from "@/lib/db/client";

/**
 * The local hour (each opener's own zone, else the app's) at which the
 * app's pushes were opened most over the last 90 days; null without history.
 * Best-hour sends fall back to it for subscribers with no opens of their own.
 */
export async function appBestOpenHour(appId: string): Promise<number | null> {
  const [row] = await getDb().$queryRaw<{ hour: number | null }[]>`
    SELECT extract(hour FROM (d."openedAt" AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(s.timezone, a."defaultTimezone"))::int AS hour
    FROM deliveries d
    JOIN apps a ON a.id = d."appId"
    LEFT JOIN subscribers s ON s.id = d."subscriberId"
    WHERE d."appId" = ${appId} AND d."openedAt" IS NOT NULL AND d."sentAt" > now() - interval '90 days'
      AND (s.timezone IS NULL OR s.timezone IN (SELECT name FROM pg_timezone_names))
    GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`;
  return row?.hour ?? null;
}
