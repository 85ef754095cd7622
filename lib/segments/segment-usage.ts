import { getDb } from "@/lib/db/client";
import type { CampaignStatus } from "@/lib/db/generated/enums";
import type { SegmentUsageDto } from "./segment-dto";

/** A campaign in one of these states will never read its segment again. */
export const finishedCampaignStatuses: CampaignStatus[] = ["completed", "canceled", "failed"];

/** Campaigns that send to a segment (newest first) and segments that refer to it. */
export async function findSegmentUsage(appId: string, segmentId: string): Promise<SegmentUsageDto> {
  const db = getDb();
  const [campaigns, segments] = await Promise.all([
    db.campaign.findMany({
      where: { appId, segmentId },
      select: { id: true, name: true, status: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
    }),
    db.$queryRaw<{ id: string; name: string }[]>`
      SELECT id, name FROM segments
      WHERE "appId" = ${appId} AND id <> ${segmentId}
        AND jsonb_path_exists(definition, '$.** ? (@.type == "segment" && @.segmentId == $id)',
                              jsonb_build_object('id', ${segmentId}::text))
      ORDER BY name`,
  ]);
  return {
    campaigns: campaigns.map((campaign) => ({
      ...campaign,
      isFinished: finishedCampaignStatuses.includes(campaign.status),
    })),
    segments,
  };
}
