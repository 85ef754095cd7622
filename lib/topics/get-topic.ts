import { getDb } from "@/lib/db/client";
import type { Topic } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import type { TopicDto } from "./schemas";
import { toTopicDtos } from "./to-topic-dtos";

/** A topic of this app; another app's id is simply not found. */
export async function getTopicOrThrow(appId: string, topicId: string): Promise<Topic> {
  const topic = await getDb().topic.findFirst({ where: { id: topicId, appId } });
  if (!topic) throw notFound(`Topic ${topicId}`);
  return topic;
}

export async function getTopic(appId: string, topicId: string): Promise<TopicDto> {
  const [dto] = await toTopicDtos(appId, [await getTopicOrThrow(appId, topicId)]);
  if (!dto) throw notFound(`Topic ${topicId}`);
  return dto;
}
