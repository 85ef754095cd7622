import type { Campaign, Variant } from "@/lib/db/generated/client";
import type { CampaignDto } from "./api-schemas";

/** Stored JSON columns were written from these same schemas, so they are read back as such. */
export function toCampaignDto(row: Campaign & { variants: Variant[] }): CampaignDto {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    status: row.status,
    source: row.source,
    audience: row.audience as CampaignDto["audience"],
    topicId: row.topicId,
    segmentId: row.segmentId,
    schedule: row.schedule as CampaignDto["schedule"],
    experiment: (row.experiment as CampaignDto["experiment"]) ?? null,
    trigger: (row.trigger as CampaignDto["trigger"]) ?? null,
    ttlSeconds: row.ttlSeconds,
    throttlePerMinute: row.throttlePerMinute,
    audienceSize: row.audienceSize,
    scheduledAt: row.scheduledAt?.toISOString() ?? null,
    launchedAt: row.launchedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    pausedAt: row.pausedAt?.toISOString() ?? null,
    canceledAt: row.canceledAt?.toISOString() ?? null,
    failureReason: row.failureReason,
    parentId: row.parentId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    variants: [...row.variants]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((variant) => ({
        id: variant.id,
        key: variant.key,
        name: variant.name,
        weight: variant.weight,
        content: variant.content as CampaignDto["variants"][number]["content"],
        isWinner: variant.isWinner,
      })),
  };
}
