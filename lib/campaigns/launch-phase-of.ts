import { getDb } from "@/lib/db/client";
import { experimentSchema } from "./schemas";

export type LaunchPhase = "main" | "test" | "remainder";

/**
 * Which audience phase a sending campaign is materialising: an A/B test in
 * winner mode sends its test share first and the rest once a winner exists.
 */
export async function currentLaunchPhase(campaignId: string): Promise<LaunchPhase> {
  const campaign = await getDb().campaign.findUniqueOrThrow({
    where: { id: campaignId },
    select: { experiment: true, variants: { where: { isWinner: true }, select: { id: true } } },
  });
  const experiment = campaign.experiment ? experimentSchema.parse(campaign.experiment) : null;
  if (experiment?.mode !== "winner") return "main";
  return campaign.variants.length ? "remainder" : "test";
}
