import { getDb } from "@/lib/db/client";
import type { Campaign, Variant } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import type { CampaignDto } from "./api-schemas";
import { toCampaignDto } from "./campaign-dto";

export async function findCampaignOrThrow(
  appId: string,
  campaignId: string,
): Promise<Campaign & { variants: Variant[] }> {
  const campaign = await getDb().campaign.findFirst({
    where: { id: campaignId, appId },
    include: { variants: true },
  });
  if (!campaign) throw notFound(`Campaign ${campaignId}`);
  return campaign;
}

export async function getCampaign(appId: string, campaignId: string): Promise<CampaignDto> {
  return toCampaignDto(await findCampaignOrThrow(appId, campaignId));
}
