import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { Platform } from "@/lib/db/generated/enums";
import { audienceCondition } from "@/lib/delivery/audience-sql";
import { fieldError } from "@/lib/errors";
import type { Audience } from "./audience";
import { unknownExternalIds } from "./unknown-external-ids";

export interface AudienceEstimate {
  /** Active devices the audience reaches: one push each. */
  devices: number;
  /** People behind those devices. */
  subscribers: number;
  byPlatform: Record<Platform, number>;
  /** External ids of the audience that name no subscriber (see unknownExternalIds). */
  unknownExternalIds: string[];
}

interface Row {
  platform: Platform | null;
  devices: bigint;
  subscribers: bigint;
}

/**
 * How many active devices an audience reaches today, with the same audience
 * SQL the launch uses and the topic's opt-outs taken off. An estimate: at send
 * time frequency caps, quiet hours and missing credentials skip some more.
 */
export async function estimateAudience(
  appId: string,
  audience: Audience,
  topicId: string | null,
): Promise<AudienceEstimate> {
  const db = getDb();
  const condition = await audienceCondition(appId, audience, async (segmentId) => {
    const segment = await db.segment.findFirst({
      where: { id: segmentId, appId },
      select: { definition: true },
    });
    if (!segment) throw fieldError("audience.segmentId", "no such segment");
    return segment.definition;
  });
  let topicCondition = Prisma.sql`true`;
  if (topicId) {
    const topic = await db.topic.findFirst({
      where: { id: topicId, appId },
      select: { id: true, defaultOptIn: true },
    });
    if (!topic) throw fieldError("topicId", "no such topic");
    // Same rule as the launch: an explicit choice wins, else the topic's default.
    topicCondition = Prisma.sql`COALESCE((SELECT p."optedIn" FROM subscriber_topic_preferences p
      WHERE p."subscriberId" = d."subscriberId" AND p."topicId" = ${topic.id}), ${topic.defaultOptIn})`;
  }
  const rows = await db.$queryRaw<Row[]>`
    SELECT d.platform, count(*) AS devices, count(DISTINCT d."subscriberId") AS subscribers
    FROM devices d JOIN subscribers s ON s.id = d."subscriberId"
    WHERE d."appId" = ${appId} AND d.status = 'active' AND ${condition} AND ${topicCondition}
    GROUP BY GROUPING SETS ((d.platform), ())`;
  const byPlatform: Record<Platform, number> = { web: 0, ios: 0, android: 0 };
  let devices = 0;
  let subscribers = 0;
  for (const row of rows) {
    if (row.platform) byPlatform[row.platform] = Number(row.devices);
    else {
      devices = Number(row.devices);
      subscribers = Number(row.subscribers);
    }
  }
  return {
    devices,
    subscribers,
    byPlatform,
    unknownExternalIds: await unknownExternalIds(appId, audience),
  };
}
