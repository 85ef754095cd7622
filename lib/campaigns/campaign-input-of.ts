import type { z } from "zod";
import type { Campaign, Variant } from "@/lib/db/generated/client";
import { type CreateCampaignInput, createCampaignSchema } from "./schemas";

/** A stored campaign read back as the input that would create it again (before any change). */
export function campaignInputOf(
  campaign: Campaign & { variants: Variant[] },
): z.input<typeof createCampaignSchema> {
  return {
    name: campaign.name,
    category: campaign.category,
    audience: campaign.audience as CreateCampaignInput["audience"],
    topicId: campaign.topicId ?? undefined,
    variants: [...campaign.variants]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((variant) => ({
        name: variant.name,
        weight: variant.weight,
        content: variant.content as CreateCampaignInput["variants"][number]["content"],
      })),
    schedule: campaign.schedule as CreateCampaignInput["schedule"],
    ttlSeconds: campaign.ttlSeconds,
    throttlePerMinute: campaign.throttlePerMinute ?? undefined,
    experiment: (campaign.experiment as CreateCampaignInput["experiment"]) ?? undefined,
    trigger: (campaign.trigger as CreateCampaignInput["trigger"]) ?? undefined,
  };
}

export function parseCampaignInput(
  input: z.input<typeof createCampaignSchema>,
): CreateCampaignInput {
  return createCampaignSchema.parse(input);
}
