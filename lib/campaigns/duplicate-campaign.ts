import type { Actor } from "@/lib/http/actor";
import type { CampaignDto } from "./api-schemas";
import { campaignInputOf, parseCampaignInput } from "./campaign-input-of";
import { createCampaign } from "./create-campaign";
import { findCampaignOrThrow, getCampaign } from "./get-campaign";

/** A new draft with the same audience, content, schedule and settings; any status can be copied. */
export async function duplicateCampaign(
  appId: string,
  campaignId: string,
  actor: Actor,
): Promise<CampaignDto> {
  const original = await findCampaignOrThrow(appId, campaignId);
  const input = parseCampaignInput({
    ...campaignInputOf(original),
    name: `Copy of ${original.name}`.slice(0, 120),
  });
  const { id } = await createCampaign(appId, input, actor, {
    source: actor.kind === "apiKey" ? "api" : "dashboard",
  });
  return getCampaign(appId, id);
}
