import type { Actor } from "@/lib/http/actor";
import type { CampaignDto } from "./api-schemas";
import { getCampaign } from "./get-campaign";
import { cancelCampaign, launchCampaign, pauseCampaign, resumeCampaign } from "./transitions";

export type CampaignTransition = "launch" | "pause" | "resume" | "cancel";

const transitions: Record<
  CampaignTransition,
  (appId: string, campaignId: string, actor: Actor) => Promise<unknown>
> = {
  launch: launchCampaign,
  pause: pauseCampaign,
  resume: resumeCampaign,
  cancel: cancelCampaign,
};

/** Launches, pauses, resumes or cancels (the rules live in transitions.ts) and answers the campaign as it now is. */
export async function changeCampaignStatus(
  appId: string,
  campaignId: string,
  transition: CampaignTransition,
  actor: Actor,
): Promise<CampaignDto> {
  await transitions[transition](appId, campaignId, actor);
  return getCampaign(appId, campaignId);
}
