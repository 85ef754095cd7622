import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import { getSegmentOrThrow } from "./get-segment";
import { findSegmentUsage } from "./segment-usage";

function listNames(names: string[]): string {
  const shown = names.slice(0, 3).map((name) => `“${name}”`);
  return names.length > 3 ? `${shown.join(", ")} and ${names.length - 3} more` : shown.join(", ");
}

/**
 * Deletes a segment nobody still needs: a campaign that may yet launch, or
 * another segment that includes it, would lose its audience, so either is
 * a 409 naming them. Finished campaigns keep their history (the link is nulled).
 */
export async function deleteSegment(appId: string, segmentId: string, actor: Actor): Promise<void> {
  const segment = await getSegmentOrThrow(appId, segmentId);
  const usage = await findSegmentUsage(appId, segment.id);
  const activeCampaigns = usage.campaigns.filter((campaign) => !campaign.isFinished);
  if (activeCampaigns.length) {
    throw new AppError(
      "conflict",
      `Segment “${segment.name}” is used by ${activeCampaigns.length === 1 ? "a campaign" : `${activeCampaigns.length} campaigns`} that ${activeCampaigns.length === 1 ? "has" : "have"} not finished: ${listNames(activeCampaigns.map((campaign) => campaign.name))}`,
      { campaigns: activeCampaigns },
    );
  }
  if (usage.segments.length) {
    throw new AppError(
      "conflict",
      `Segment “${segment.name}” is part of ${listNames(usage.segments.map((other) => other.name))}; remove it there first`,
      { segments: usage.segments },
    );
  }
  await getDb().$transaction(async (tx) => {
    await tx.segment.delete({ where: { id: segment.id } });
    await recordAudit(tx, {
      appId,
      actor,
      action: "segment.deleted",
      targetType: "segment",
      targetId: segment.id,
      metadata: { name: segment.name },
    });
  });
}
