import { getDb } from "@/lib/db/client";
import type { Topic } from "@/lib/db/generated/client";
import { finishedCampaignStatuses } from "@/lib/segments/segment-usage";
import type { TopicDto } from "./schemas";

/** Topics with their opt-in/out tallies (from the (topicId, optedIn) index) and active campaigns. */
export async function toTopicDtos(appId: string, topics: Topic[]): Promise<TopicDto[]> {
  if (!topics.length) return [];
  const db = getDb();
  const topicIds = topics.map((topic) => topic.id);
  const [choices, campaigns] = await Promise.all([
    db.subscriberTopicPreference.groupBy({
      by: ["topicId", "optedIn"],
      where: { topicId: { in: topicIds } },
      _count: { _all: true },
    }),
    db.campaign.groupBy({
      by: ["topicId"],
      where: { appId, topicId: { in: topicIds }, status: { notIn: finishedCampaignStatuses } },
      _count: { _all: true },
    }),
  ]);
  const tally = (topicId: string, optedIn: boolean) =>
    choices.find((choice) => choice.topicId === topicId && choice.optedIn === optedIn)?._count
      ._all ?? 0;
  return topics.map((topic) => ({
    id: topic.id,
    key: topic.key,
    name: topic.name,
    description: topic.description,
    defaultOptIn: topic.defaultOptIn,
    optedIn: tally(topic.id, true),
    optedOut: tally(topic.id, false),
    activeCampaignCount:
      campaigns.find((campaign) => campaign.topicId === topic.id)?._count._all ?? 0,
    createdAt: topic.createdAt.toISOString(),
  }));
}
