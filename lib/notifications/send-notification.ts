import { assertAudienceResolves } from "@/lib/campaigns/assert-audience-resolves";
import { audienceSchema } from "@/lib/campaigns/audience";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { unknownExternalIds } from "@/lib/campaigns/unknown-external-ids";
import { getDb } from "@/lib/db/client";
import { fieldError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import { toNotificationDto } from "./notification-dto";
import type { SendNotificationInput, SentNotificationDto } from "./schemas";

/**
 * A push from a developer's server: a one-variant campaign (source `api`)
 * launched at once, or scheduled for `sendAt` (the scheduler tick starts it).
 * `onCreated` hears of the campaign before it is launched (an
 * Idempotency-Key's record keeps it, to finish a request that dies here).
 */
export async function sendNotification(
  appId: string,
  input: SendNotificationInput,
  actor: Actor,
  onCreated: (campaignId: string) => Promise<void> = async () => {},
): Promise<SentNotificationDto> {
  if (input.sendAt && Date.parse(input.sendAt) <= Date.now()) {
    throw fieldError("sendAt", "must be in the future");
  }
  const campaignInput = createCampaignSchema.parse({
    // A title of spaces trims to "", which names nothing.
    name: (input.name || input.content.title?.trim() || "API notification").slice(0, 120),
    category: input.category,
    audience: input.audience,
    topicId: input.topicId,
    variants: [{ content: input.content }],
    schedule: input.sendAt ? { type: "at", sendAt: input.sendAt } : { type: "now" },
    ttlSeconds: input.ttlSeconds,
  });
  // Before creating anything: a send that cannot launch leaves no draft behind.
  await assertAudienceResolves(appId, campaignInput.audience);
  const { id } = await createCampaign(appId, campaignInput, actor, { source: "api" });
  await onCreated(id);
  return finishNotification(appId, id, actor);
}

/** Launches a created notification unless that happened already, and answers it. */
export async function finishNotification(
  appId: string,
  campaignId: string,
  actor: Actor,
): Promise<SentNotificationDto> {
  const db = getDb();
  const campaign = await db.campaign.findFirst({ where: { id: campaignId, appId } });
  if (!campaign) throw notFound("The notification");
  if (campaign.status === "draft") await launchCampaign(appId, campaignId, actor);
  return {
    ...toNotificationDto(await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })),
    unknownExternalIds: await unknownExternalIds(appId, audienceSchema.parse(campaign.audience)),
  };
}
