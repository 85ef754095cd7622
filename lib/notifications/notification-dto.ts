import type { Campaign } from "@/lib/db/generated/client";
import type { NotificationDto } from "./schemas";

export function toNotificationDto(campaign: Campaign): NotificationDto {
  return {
    id: campaign.id,
    name: campaign.name,
    category: campaign.category,
    status: campaign.status,
    scheduledAt: campaign.scheduledAt?.toISOString() ?? null,
    launchedAt: campaign.launchedAt?.toISOString() ?? null,
    completedAt: campaign.completedAt?.toISOString() ?? null,
    canceledAt: campaign.canceledAt?.toISOString() ?? null,
    createdAt: campaign.createdAt.toISOString(),
  };
}
