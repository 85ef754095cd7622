import { getDb } from "@/lib/db/client";
import type { TopicPreferenceDto } from "./profile-schemas";

/** Every topic of the app with this subscriber's choice, or the topic's default when they made none. */
export async function listTopicPreferences(
  appId: string,
  subscriberId: bigint,
): Promise<TopicPreferenceDto[]> {
  const topics = await getDb().topic.findMany({
    where: { appId },
    orderBy: { name: "asc" },
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
