import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import type { CampaignStatus } from "@/lib/db/generated/enums";
import { requeueCampaignNow } from "@/lib/delivery/requeue";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import { enqueueLaunch } from "@/lib/queue/queues";

type Transition = "launch" | "pause" | "resume" | "cancel";

const allowedFrom: Record<Transition, CampaignStatus[]> = {
  launch: ["draft", "scheduled"],
  pause: ["sending", "scheduled"],
  resume: ["paused"],
  cancel: ["draft", "scheduled", "sending", "paused"],
};

async function loadForTransition(appId: string, campaignId: string, transition: Transition) {
  const campaign = await getDb().campaign.findFirst({
    where: { id: campaignId, appId },
    select: {
      id: true,
      status: true,
      ttlSeconds: true,
      launchedAt: true,
      launchCompletedAt: true,
      name: true,
    },
  });
  if (!campaign) throw notFound(`Campaign ${campaignId}`);
  if (!allowedFrom[transition].includes(campaign.status)) {
    throw new AppError(
      "conflict",
      `Campaign ${campaign.name} is ${campaign.status}; it cannot ${transition}`,
    );
  }
  return campaign;
}

/**
 * Moves the campaign only if it is still in the state we read: two people
 * pressing "launch" at once produce one launch and one 409.
 */
async function moveStatus(
  campaignId: string,
  from: CampaignStatus[],
  data: { status: CampaignStatus; [key: string]: unknown },
  audit: { appId: string; actor: Actor; action: string },
): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.campaign.updateMany({
      where: { id: campaignId, status: { in: from } },
      data,
    });
    if (count === 0)
      throw new AppError("conflict", `Campaign ${campaignId} changed meanwhile; reload and retry`);
    if (data.status === "canceled") {
      await tx.delivery.updateMany({
        where: { campaignId, status: "pending" },
        data: { status: "canceled", reason: "campaign_canceled" },
      });
    }
    await recordAudit(tx, {
      appId: audit.appId,
      actor: audit.actor,
      action: audit.action,
      targetType: "campaign",
      targetId: campaignId,
    });
  });
}

export async function launchCampaign(
  appId: string,
  campaignId: string,
  actor: Actor,
): Promise<void> {
  const campaign = await loadForTransition(appId, campaignId, "launch");
  const now = new Date();
  await moveStatus(
    campaignId,
    allowedFrom.launch,
    {
      status: "sending",
      launchedAt: now,
      expiresAt: new Date(now.getTime() + campaign.ttlSeconds * 1000),
    },
    { appId, actor, action: "campaign.launched" },
  );
  await enqueueLaunch({ campaignId, phase: "main" });
}

export async function pauseCampaign(
  appId: string,
  campaignId: string,
  actor: Actor,
): Promise<void> {
  await loadForTransition(appId, campaignId, "pause");
  await moveStatus(
    campaignId,
    allowedFrom.pause,
    { status: "paused", pausedAt: new Date() },
    {
      appId,
      actor,
      action: "campaign.paused",
    },
  );
}

export async function resumeCampaign(
  appId: string,
  campaignId: string,
  actor: Actor,
): Promise<void> {
  const campaign = await loadForTransition(appId, campaignId, "resume");
  const status: CampaignStatus = campaign.launchedAt ? "sending" : "scheduled";
  await moveStatus(
    campaignId,
    allowedFrom.resume,
    { status, pausedAt: null },
    {
      appId,
      actor,
      action: "campaign.resumed",
    },
  );
  if (status === "sending") {
    if (!campaign.launchCompletedAt) await enqueueLaunch({ campaignId, phase: "main" });
    await requeueCampaignNow(campaignId);
  }
}

export async function cancelCampaign(
  appId: string,
  campaignId: string,
  actor: Actor,
): Promise<void> {
  await loadForTransition(appId, campaignId, "cancel");
  await moveStatus(
    campaignId,
    allowedFrom.cancel,
    { status: "canceled", canceledAt: new Date() },
    {
      appId,
      actor,
      action: "campaign.canceled",
    },
  );
}
