import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { CampaignSource } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import { assertContentFitsPlatforms } from "@/lib/push/measure-payload-sizes";
import { validateTemplate } from "./personalize";
import type { CreateCampaignInput } from "./schemas";

const variantKeys = ["A", "B", "C", "D", "E"];

function assertTemplatesValid(input: CreateCampaignInput): void {
  input.variants.forEach((variant, index) => {
    for (const [field, value] of Object.entries(variant.content)) {
      if (typeof value !== "string") continue;
      const problem = validateTemplate(value);
      if (problem) {
        const path = `variants.${index}.content.${field}`;
        throw new AppError("validation_failed", `${path}: ${problem}`, {
          fields: [{ field: path, message: problem }],
        });
      }
    }
  });
}

function assertVariantsFit(input: CreateCampaignInput): void {
  const platforms = input.audience.platforms ?? ["web", "ios", "android"];
  input.variants.forEach((variant, index) => {
    try {
      assertContentFitsPlatforms(variant.content, platforms);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const path = `variants.${index}.content`;
      throw new AppError(error.code, `${path}: ${error.message}`, {
        ...error.details,
        fields: [{ field: path, message: error.message }],
      });
    }
  });
}

/**
 * The checks a campaign's input must pass beyond its schema: Liquid templates,
 * payload sizes, and a topic and segment of this app. Editing a draft runs them too.
 */
export async function assertCampaignInputValid(
  appId: string,
  input: CreateCampaignInput,
): Promise<void> {
  if (input.experiment && input.variants.length < 2) {
    throw new AppError("validation_failed", "variants: an A/B test needs at least two variants", {
      fields: [{ field: "variants", message: "an A/B test needs at least two variants" }],
    });
  }
  if ((input.category === "triggered") !== Boolean(input.trigger)) {
    const message =
      input.category === "triggered"
        ? "a triggered campaign needs a trigger"
        : "only triggered campaigns have a trigger";
    throw new AppError("validation_failed", `trigger: ${message}`, {
      fields: [{ field: "trigger", message }],
    });
  }
  if (input.trigger && input.schedule.type !== "now") {
    throw new AppError("validation_failed", "schedule: a triggered campaign runs on its trigger", {
      fields: [
        { field: "schedule", message: "a triggered campaign runs on its trigger, not a schedule" },
      ],
    });
  }
  // People qualify one by one: there is never a "rest of the audience" for a winner to go to.
  if (input.trigger && input.experiment?.mode === "winner") {
    const message = "a triggered campaign can split its variants, not test for a winner";
    throw new AppError("validation_failed", `experiment.mode: ${message}`, {
      fields: [{ field: "experiment.mode", message }],
    });
  }
  assertTemplatesValid(input);
  assertVariantsFit(input);
  const db = getDb();
  if (input.topicId) {
    const topic = await db.topic.findFirst({
      where: { id: input.topicId, appId },
      select: { id: true },
    });
    if (!topic)
      throw new AppError("validation_failed", "topicId: no such topic", {
        fields: [{ field: "topicId", message: "no such topic" }],
      });
  }
  if (input.audience.type === "segment") {
    const segmentId = input.audience.segmentId;
    const segment = await db.segment.findFirst({
      where: { id: segmentId, appId },
      select: { id: true },
    });
    if (!segment) {
      throw new AppError("validation_failed", "audience.segmentId: no such segment", {
        fields: [{ field: "audience.segmentId", message: "no such segment" }],
      });
    }
  }
}

/** Creates a draft (or scheduled) campaign with its variants. Nothing is sent until launch. */
export async function createCampaign(
  appId: string,
  input: CreateCampaignInput,
  actor: Actor,
  options: { source?: CampaignSource } = {},
): Promise<{ id: string }> {
  await assertCampaignInputValid(appId, input);
  const db = getDb();
  const scheduledAt = input.schedule.type === "at" ? new Date(input.schedule.sendAt) : null;
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.create({
      data: {
        appId,
        name: input.name,
        category: input.category,
        source: options.source ?? "dashboard",
        // Validated by audienceSchema; the segment definition inside is plain JSON.
        audience: input.audience as Prisma.InputJsonObject,
        segmentId: input.audience.type === "segment" ? input.audience.segmentId : null,
        topicId: input.topicId ?? null,
        schedule: input.schedule,
        scheduledAt,
        experiment: input.experiment ?? undefined,
        trigger: input.trigger ?? undefined,
        ttlSeconds: input.ttlSeconds,
        throttlePerMinute: input.throttlePerMinute ?? null,
        createdById: actor.kind === "user" ? actor.userId : null,
        variants: {
          create: input.variants.map((variant, index) => ({
            key: variantKeys[index] ?? String(index),
            name: variant.name ?? `Variant ${variantKeys[index]}`,
            weight: variant.weight,
            content: variant.content,
          })),
        },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      appId,
      actor,
      action: "campaign.created",
      targetType: "campaign",
      targetId: campaign.id,
      metadata: { name: input.name, category: input.category },
    });
    return campaign;
  });
}
