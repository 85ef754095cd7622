import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import { getTopic } from "./get-topic";
import type { CreateTopicInput, TopicDto } from "./schemas";

export async function createTopic(
  appId: string,
  input: CreateTopicInput,
  actor: Actor,
): Promise<TopicDto> {
  try {
    const topic = await getDb().$transaction(async (tx) => {
      const row = await tx.topic.create({
        data: {
          appId,
          key: input.key,
          name: input.name,
          description: input.description ?? null,
          defaultOptIn: input.defaultOptIn,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        appId,
        actor,
        action: "topic.created",
        targetType: "topic",
        targetId: row.id,
        metadata: { key: input.key, name: input.name, defaultOptIn: input.defaultOptIn },
      });
      return row;
    });
    return getTopic(appId, topic.id);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const message = `another topic already has the key “${input.key}”`;
      throw new AppError("conflict", `key: ${message}`, { fields: [{ field: "key", message }] });
    }
    throw error;
  }
}
