import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import { finishedCampaignStatuses } from "@/lib/segments/segment-usage";
import { getTopicOrThrow } from "./get-topic";

/**
 * Deletes a topic and every subscriber's choice about it. Refused (409) while
 * a campaign that has not finished targets it: that campaign would otherwise
 * go to people who opted out.
 */
export async function deleteTopic(appId: string, topicId: string, actor: Actor): Promise<void> {
  const topic = await getTopicOrThrow(appId, topicId);
  const db = getDb();
  const campaigns = await db.campaign.findMany({
    where: { appId, topicId: topic.id, status: { notIn: finishedCampaignStatuses } },
    select: { name: true },
    take: 4,
  });
  if (campaigns.length) {
    const names = campaigns.slice(0, 3).map((campaign) => `“${campaign.name}”`);
    throw new AppError(
      "conflict",
      `Topic “${topic.name}” is targeted by campaigns that have not finished: ${names.join(", ")}${campaigns.length > 3 ? " and more" : ""}`,
    );
  }
  await db.$transaction(async (tx) => {
    await tx.topic.delete({ where: { id: topic.id } });
    await recordAudit(tx, {
      appId,
      actor,
      action: "topic.deleted",
      targetType: "topic",
      targetId: topic.id,
      metadata: { key: topic.key, name: topic.name },
    });
  });
}
