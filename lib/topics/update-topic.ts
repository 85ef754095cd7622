import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/http/actor";
import { getTopic, getTopicOrThrow } from "./get-topic";
import type { TopicDto, UpdateTopicInput } from "./schemas";

/** Changing the default applies at once to every subscriber who never chose. */
export async function updateTopic(
  appId: string,
  topicId: string,
  input: UpdateTopicInput,
  actor: Actor,
): Promise<TopicDto> {
  const topic = await getTopicOrThrow(appId, topicId);
  await getDb().$transaction(async (tx) => {
    await tx.topic.update({
      where: { id: topic.id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.defaultOptIn !== undefined ? { defaultOptIn: input.defaultOptIn } : {}),
      },
    });
    await recordAudit(tx, {
      appId,
      actor,
      action: "topic.updated",
      targetType: "topic",
      targetId: topic.id,
      metadata: { key: topic.key, changed: Object.keys(input) },
    });
  });
  return getTopic(appId, topic.id);
}
