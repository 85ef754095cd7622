import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import type { CampaignDto, UpdateCampaignInput } from "./api-schemas";
import { toCampaignDto } from "./campaign-dto";
import { campaignInputOf, parseCampaignInput } from "./campaign-input-of";
import { assertCampaignInputValid } from "./create-campaign";
import { findCampaignOrThrow } from "./get-campaign";

const variantKeys = ["A", "B", "C", "D", "E"];

function notADraft(name: string, status: string): AppError {
  return new AppError("conflict", `Campaign ${name} is ${status}; only a draft can be edited`);
}

/**
 * Edits a draft: the change is merged into the stored campaign and the whole
 * is validated exactly as a new campaign would be. Variants, when sent,
 * replace the old ones (a draft has no deliveries that point at them).
 */
export async function updateCampaignDraft(
  appId: string,
  campaignId: string,
  change: UpdateCampaignInput,
  actor: Actor,
): Promise<CampaignDto> {
  const campaign = await findCampaignOrThrow(appId, campaignId);
  if (campaign.status !== "draft") throw notADraft(campaign.name, campaign.status);
  const current = campaignInputOf(campaign);
  const merged = parseCampaignInput({
    ...current,
    ...change,
    topicId: change.topicId === null ? undefined : (change.topicId ?? current.topicId),
    throttlePerMinute:
      change.throttlePerMinute === null
        ? undefined
        : (change.throttlePerMinute ?? current.throttlePerMinute),
    experiment: change.experiment === null ? undefined : (change.experiment ?? current.experiment),
    trigger: change.trigger === null ? undefined : (change.trigger ?? current.trigger),
  });
  await assertCampaignInputValid(appId, merged);
  const updated = await getDb().$transaction(async (tx) => {
    const { count } = await tx.campaign.updateMany({
      where: { id: campaign.id, appId, status: "draft" },
      data: {
        name: merged.name,
        category: merged.category,
        // Validated by audienceSchema; a segment definition inside is plain JSON.
        audience: merged.audience as Prisma.InputJsonObject,
        segmentId: merged.audience.type === "segment" ? merged.audience.segmentId : null,
        topicId: merged.topicId ?? null,
        schedule: merged.schedule,
        scheduledAt: merged.schedule.type === "at" ? new Date(merged.schedule.sendAt) : null,
        experiment: merged.experiment ?? Prisma.DbNull,
        trigger: merged.trigger ?? Prisma.DbNull,
        ttlSeconds: merged.ttlSeconds,
        throttlePerMinute: merged.throttlePerMinute ?? null,
      },
    });
    if (count === 0) throw notADraft(campaign.name, "no longer a draft");
    if (change.variants) {
      await tx.variant.deleteMany({ where: { campaignId: campaign.id } });
      await tx.variant.createMany({
        data: merged.variants.map((variant, index) => ({
          campaignId: campaign.id,
          key: variantKeys[index] ?? String(index),
          name: variant.name ?? `Variant ${variantKeys[index] ?? index}`,
          weight: variant.weight,
          content: variant.content,
        })),
      });
    }
    await recordAudit(tx, {
      appId,
      actor,
      action: "campaign.updated",
      targetType: "campaign",
      targetId: campaign.id,
      metadata: { fields: Object.keys(change) },
    });
    return tx.campaign.findUniqueOrThrow({
      where: { id: campaign.id },
      include: { variants: true },
    });
  });
  return toCampaignDto(updated);
}
