import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import { findCampaignOrThrow } from "./get-campaign";

/** Deletes a draft; anything that has been launched keeps its history (cancel it instead). */
export async function deleteCampaignDraft(
  appId: string,
  campaignId: string,
  actor: Actor,
): Promise<void> {
  const campaign = await findCampaignOrThrow(appId, campaignId);
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.campaign.deleteMany({
      where: { id: campaign.id, appId, status: "draft" },
    });
    if (count === 0) {
      throw new AppError(
        "conflict",
        `Campaign ${campaign.name} is ${campaign.status}; only drafts can be deleted (cancel it instead)`,
      );
    }
    await recordAudit(tx, {
      appId,
      actor,
      action: "campaign.deleted",
      targetType: "campaign",
      targetId: campaign.id,
      metadata: { name: campaign.name },
    });
  });
}
