import type { Prisma } from "@/lib/db/generated/client";

type Tx = Pick<Prisma.TransactionClient, "$executeRaw">;

/**
 * Folds an anonymous web visitor into the subscriber they turned out to be:
 * devices, events, past deliveries and topic choices move over, attributes
 * and tags merge (the identified subscriber's values win), and the anonymous
 * row goes. A subscriber with an external id is never merged away.
 */
export async function mergeAnonymousSubscriber(
  tx: Tx,
  appId: string,
  anonymousId: bigint,
  targetId: bigint,
): Promise<void> {
  if (anonymousId === targetId) return;
  await tx.$executeRaw`
    UPDATE devices SET "subscriberId" = ${targetId}, "updatedAt" = now()
    WHERE "appId" = ${appId} AND "subscriberId" = ${anonymousId}`;
  await tx.$executeRaw`
    UPDATE events SET "subscriberId" = ${targetId}
    WHERE "appId" = ${appId} AND "subscriberId" = ${anonymousId}`;
  await tx.$executeRaw`
    UPDATE deliveries SET "subscriberId" = ${targetId}
    WHERE "appId" = ${appId} AND "subscriberId" = ${anonymousId}`;
  await tx.$executeRaw`
    INSERT INTO subscriber_topic_preferences ("subscriberId", "topicId", "optedIn", "updatedAt")
    SELECT ${targetId}, "topicId", "optedIn", "updatedAt" FROM subscriber_topic_preferences
    WHERE "subscriberId" = ${anonymousId}
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`
    UPDATE subscribers target SET
      attributes = anonymous.attributes || target.attributes,
      tags = ARRAY(
        SELECT tag FROM unnest(target.tags || anonymous.tags) WITH ORDINALITY AS t(tag, position)
        GROUP BY tag ORDER BY min(position)),
      timezone = COALESCE(target.timezone, anonymous.timezone),
      locale = COALESCE(target.locale, anonymous.locale),
      country = COALESCE(target.country, anonymous.country),
      "firstSeenAt" = LEAST(target."firstSeenAt", anonymous."firstSeenAt"),
      "lastSeenAt" = GREATEST(target."lastSeenAt", anonymous."lastSeenAt"),
      "updatedAt" = now()
    FROM subscribers anonymous
    WHERE target.id = ${targetId} AND target."appId" = ${appId}
      AND anonymous.id = ${anonymousId} AND anonymous."appId" = ${appId}`;
  await tx.$executeRaw`
    DELETE FROM subscribers
    WHERE id = ${anonymousId} AND "appId" = ${appId} AND "externalId" IS NULL`;
}
