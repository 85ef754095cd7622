import { getDb } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { PreferenceChanges, TopicPreferenceDto } from "./schemas";

// A subscriber's opt-in per topic: the preference center. Called by the
// public API (`/subscribers/{externalId}/preferences`), the SDK endpoints
// and the subscriber explorer. A campaign that targets a topic skips
// whoever opted out of it (lib/delivery/launch-phase.ts).

/** Your external id, or Herald's subscriber id (the SDK knows its subscriber by device). */
export type PreferenceSubscriberRef = { externalId: string } | { subscriberId: bigint };

async function findSubscriberId(appId: string, ref: PreferenceSubscriberRef): Promise<bigint> {
  const subscriber = await getDb().subscriber.findFirst({
    where:
      "externalId" in ref ? { appId, externalId: ref.externalId } : { appId, id: ref.subscriberId },
    select: { id: true },
  });
  if (!subscriber) {
    throw notFound(
      "externalId" in ref ? `Subscriber ${ref.externalId}` : `Subscriber #${ref.subscriberId}`,
    );
  }
  return subscriber.id;
}

async function listPreferences(appId: string, subscriberId: bigint): Promise<TopicPreferenceDto[]> {
  const topics = await getDb().topic.findMany({
    where: { appId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      key: true,
      name: true,
      defaultOptIn: true,
      preferences: { where: { subscriberId }, select: { optedIn: true } },
    },
  });
  return topics.map((topic) => {
    const [choice] = topic.preferences;
    return {
      topicId: topic.id,
      key: topic.key,
      name: topic.name,
      optedIn: choice?.optedIn ?? topic.defaultOptIn,
      isDefault: choice === undefined,
    };
  });
}

/** Every topic of the app with the subscriber's choice, or the topic's default where they made none. */
export async function getSubscriberPreferences(
  appId: string,
  ref: PreferenceSubscriberRef,
): Promise<TopicPreferenceDto[]> {
  return listPreferences(appId, await findSubscriberId(appId, ref));
}

/**
 * Records choices by topic key (true in, false out, null back to the
 * default) and answers every topic as `getSubscriberPreferences` does. An
 * unknown key is a 400 naming `<fieldPrefix>.<key>`; nothing is changed then.
 */
export async function setSubscriberPreferences(
  appId: string,
  ref: PreferenceSubscriberRef,
  changes: PreferenceChanges,
  options: { fieldPrefix?: string } = {},
): Promise<TopicPreferenceDto[]> {
  const subscriberId = await findSubscriberId(appId, ref);
  const db = getDb();
  const keys = Object.keys(changes);
  const topics = await db.topic.findMany({
    where: { appId, key: { in: keys } },
    select: { id: true, key: true },
  });
  const unknown = keys.filter((key) => !topics.some((topic) => topic.key === key));
  if (unknown.length) {
    const prefix = options.fieldPrefix ?? "preferences";
    const fields = unknown.map((key) => ({ field: `${prefix}.${key}`, message: "no such topic" }));
    throw new AppError(
      "validation_failed",
      `${fields[0]?.field}: no such topic${fields.length > 1 ? ` (and ${fields.length - 1} more)` : ""}`,
      { fields },
    );
  }
  await db.$transaction(
    topics.map((topic) => {
      const optedIn = changes[topic.key];
      const key = { subscriberId_topicId: { subscriberId, topicId: topic.id } };
      return optedIn === null || optedIn === undefined
        ? db.subscriberTopicPreference.deleteMany({ where: { subscriberId, topicId: topic.id } })
        : db.subscriberTopicPreference.upsert({
            where: key,
            create: { subscriberId, topicId: topic.id, optedIn },
            update: { optedIn },
          });
    }),
  );
  return listPreferences(appId, subscriberId);
}
