import { recordAudit } from "@/lib/audit/record-audit";
import { experimentSchema } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import { enqueueLaunch } from "@/lib/queue/queues";
import { experimentResults } from "./variant-results";

/**
 * What to do when no variant leads (no data yet, or a tie): a person asking
 * for "the leader" is told so; the window's end must still decide, and the
 * first variant goes out.
 */
export type WithoutLeader = "refuse" | "send-first";

/**
 * Ends an A/B test's window: the chosen variant (the marketer's pick, or the
 * leader on the test's metric) becomes the winner and goes to the rest of
 * the audience. Only the first decision counts; a second one is a 409.
 */
export async function chooseWinner(
  appId: string,
  campaignId: string,
  variantId: string | null,
  actor: Actor | null,
  withoutLeader: WithoutLeader = "refuse",
): Promise<{ winnerVariantId: string; confidence: number | null }> {
  const db = getDb();
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, appId },
    select: { id: true, status: true, experiment: true, experimentDecidesAt: true, name: true },
  });
  if (!campaign) throw notFound(`Campaign ${campaignId}`);
  const experiment = campaign.experiment ? experimentSchema.parse(campaign.experiment) : null;
  if (experiment?.mode !== "winner" || !campaign.experimentDecidesAt) {
    throw new AppError(
      "conflict",
      `Campaign ${campaign.name} has no A/B test waiting for a winner`,
    );
  }
  if (campaign.status !== "sending" && campaign.status !== "paused") {
    throw new AppError("conflict", `Campaign ${campaign.name} is ${campaign.status}`);
  }
  const results = await experimentResults(campaignId, experiment.winnerMetric);
  if (variantId === null && results.leaderVariantId === null && withoutLeader === "refuse") {
    throw new AppError(
      "conflict",
      `No variant of ${campaign.name} leads on ${experiment.winnerMetric.replaceAll("_", " ")} yet: name the variant to send (variantId)`,
    );
  }
  const winnerVariantId = variantId ?? results.leaderVariantId ?? results.variants[0]?.variantId;
  if (
    !winnerVariantId ||
    !results.variants.some((variant) => variant.variantId === winnerVariantId)
  ) {
    throw new AppError("validation_failed", "variantId: not a variant of this campaign", {
      fields: [{ field: "variantId", message: "is not a variant of this campaign" }],
    });
  }
  await db.$transaction(async (tx) => {
    const { count } = await tx.campaign.updateMany({
      where: { id: campaignId, experimentDecidesAt: { not: null } },
      data: { experimentDecidesAt: null, launchCompletedAt: null },
    });
    if (count === 0)
      throw new AppError("conflict", `The winner of ${campaign.name} was already chosen`);
    await tx.variant.update({ where: { id: winnerVariantId }, data: { isWinner: true } });
    await recordAudit(tx, {
      appId,
      actor,
      action: "campaign.winner_chosen",
      targetType: "campaign",
      targetId: campaignId,
      metadata: {
        variantId: winnerVariantId,
        automatic: variantId === null,
        metric: experiment.winnerMetric,
        confidence: winnerVariantId === results.leaderVariantId ? results.leaderConfidence : null,
      },
    });
  });
  if (campaign.status === "sending") await enqueueLaunch({ campaignId, phase: "remainder" });
  return {
    winnerVariantId,
    confidence: winnerVariantId === results.leaderVariantId ? results.leaderConfidence : null,
  };
}
