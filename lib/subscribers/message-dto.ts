import type { Delivery } from "@/lib/db/generated/client";
import type { MessageDto, MessageOutcome } from "./profile-schemas";

export type DeliveryWithCampaign = Delivery & {
  campaign: { name: string; category: MessageDto["category"] };
  variant: { key: string } | null;
};

export function outcomeOf(row: Delivery): MessageOutcome {
  if (row.convertedAt) return "converted";
  if (row.openedAt) return "opened";
  if (row.dismissedAt) return "dismissed";
  if (row.deliveredAt) return "delivered";
  if (row.status === "queued") return "pending";
  return row.status;
}

export function toMessageDto(row: DeliveryWithCampaign): MessageDto {
  return {
    deliveryId: row.id.toString(),
    campaignId: row.campaignId,
    campaignName: row.campaign.name,
    category: row.campaign.category,
    variantKey: row.variant?.key ?? null,
    deviceId: row.deviceId?.toString() ?? null,
    platform: row.platform,
    status: row.status,
    reason: row.reason,
    outcome: outcomeOf(row),
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    openedAt: row.openedAt?.toISOString() ?? null,
    dismissedAt: row.dismissedAt?.toISOString() ?? null,
    convertedAt: row.convertedAt?.toISOString() ?? null,
    revenue: row.revenue === null ? null : row.revenue.toNumber(),
  };
}

export const messageInclude = {
  campaign: { select: { name: true, category: true } },
  variant: { select: { key: true } },
} as const;
