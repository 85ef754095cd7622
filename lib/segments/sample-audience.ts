import type { Prisma } from "@/lib/db/generated/client";
import type { Platform } from "@/lib/db/generated/enums";
import { runAudienceQuery } from "./count-audience";

export interface SampleSubscriberDto {
  id: string;
  externalId: string | null;
  country: string | null;
  locale: string | null;
  lastSeenAt: string;
  platforms: Platform[];
}

interface SampleRow {
  id: bigint;
  externalId: string | null;
  country: string | null;
  locale: string | null;
  lastSeenAt: Date;
  platform: Platform;
}

/**
 * A few subscribers a compiled condition keeps, for the builder to show.
 * No ORDER BY: any matching rows will do, and PostgreSQL can stop at the
 * first ones instead of computing the whole audience.
 */
export async function sampleAudience(
  appId: string,
  condition: Prisma.Sql,
  size = 8,
): Promise<SampleSubscriberDto[]> {
  const rows = await runAudienceQuery(
    (tx) => tx.$queryRaw<SampleRow[]>`
      SELECT s.id, s."externalId", s.country, s.locale, s."lastSeenAt", d.platform
      FROM devices d JOIN subscribers s ON s.id = d."subscriberId"
      WHERE d."appId" = ${appId} AND s."appId" = ${appId} AND d.status = 'active'
        AND ${condition}
      LIMIT ${size * 4}`,
  );
  const byId = new Map<string, SampleSubscriberDto>();
  for (const row of rows) {
    const id = row.id.toString();
    const known = byId.get(id);
    if (known) {
      if (!known.platforms.includes(row.platform)) known.platforms.push(row.platform);
      continue;
    }
    if (byId.size === size) continue;
    byId.set(id, {
      id,
      externalId: row.externalId,
      country: row.country,
      locale: row.locale,
      lastSeenAt: row.lastSeenAt.toISOString(),
      platforms: [row.platform],
    });
  }
  return [...byId.values()];
}
