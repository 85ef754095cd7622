import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import type { CampaignStatus } from "@/lib/db/generated/enums";
import { requeueCampaignNow } from "@/lib/delivery/requeue";
import { AppError, fieldError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import { enqueueLaunch } from "@/lib/queue/queues";
import { forgetTriggerCache } from "@/lib/triggers/record-trigger-events";
import { assertAudienceResolves } from "./assert-audience-resolves";
import { currentLaunchPhase } from "./launch-phase-of";
import { nextOccurrence } from "./recurrence";
import { experimentSchema, PAST_SEND_GRACE_MS, scheduleSchema } from "./schemas";

type Transition = "launch" | "pause" | "resume" | "cancel";

const allowedFrom: Record<Transition, CampaignStatus[]> = {
  launch: ["draft"],
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
      launchedAt: true,
      launchCompletedAt: true,
      experimentDecidesAt: true,
      nextOccurrenceAt: true,
      schedule: true,
      name: true,
      category: true,
      audience: true,
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
  audit: { appId: string; actor: Actor | null; action: string },
): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.campaign.updateMany({
      where: { id: campaignId, status: { in: from } },
      data,
    });
    if (count === 0) {
      throw new AppError("conflict", `Campaign ${campaignId} changed meanwhile; reload and retry`);
    }
    if (data.status === "canceled") {
      await tx.delivery.updateMany({
        where: { campaignId, status: "pending" },
        data: { status: "canceled", reason: "campaign_canceled" },
      });
    }
    forgetTriggerCache(audit.appId);
    await recordAudit(tx, {
      appId: audit.appId,
      actor: audit.actor,
      action: audit.action,
      targetType: "campaign",
      targetId: campaignId,
    });
  });
}

/**
 * Starts the sending of a draft or a due scheduled campaign: an A/B test in
 * winner mode starts with its test phase, everything else with the whole
 * audience. Used by a marketer's launch and by the scheduler tick.
 */
export async function startSending(
  appId: string,
  campaignId: string,
  from: CampaignStatus[],
  actor: Actor | null,
): Promise<void> {
  const campaign = await getDb().campaign.findUniqueOrThrow({
    where: { id: campaignId },
    select: { ttlSeconds: true, experiment: true, category: true },
  });
  const experiment = campaign.experiment ? experimentSchema.parse(campaign.experiment) : null;
  const isWinnerTest = experiment?.mode === "winner";
  const now = new Date();
  await moveStatus(
    campaignId,
    from,
    {
      status: "sending",
      launchedAt: now,
      expiresAt: new Date(now.getTime() + campaign.ttlSeconds * 1000),
      experimentDecidesAt: isWinnerTest
        ? new Date(now.getTime() + (experiment?.windowMinutes ?? 0) * 60_000)
        : null,
    },
    { appId, actor, action: "campaign.launched" },
  );
  // A triggered campaign has no audience to materialise now: it waits for its trigger.
  if (campaign.category !== "triggered") {
    await enqueueLaunch({ campaignId, phase: isWinnerTest ? "test" : "main" });
  }
}

export type LaunchResult = { status: "sending" } | { status: "scheduled"; scheduledAt: string };

/**
 * Launches a draft: now, or — for a future `at` time or a recurring schedule —
 * by scheduling it; the maintenance tick starts it when it is due.
 */
export async function launchCampaign(
  appId: string,
  campaignId: string,
  actor: Actor,
): Promise<LaunchResult> {
  const campaign = await loadForTransition(appId, campaignId, "launch");
  await assertAudienceResolves(appId, campaign.audience);
  const schedule = scheduleSchema.parse(campaign.schedule);
  const now = new Date();
  let scheduledAt: Date | null = null;
  if (schedule.type === "at" && new Date(schedule.sendAt) > now) {
    scheduledAt = new Date(schedule.sendAt);
  } else if (
    schedule.type === "at" &&
    now.getTime() - Date.parse(schedule.sendAt) > PAST_SEND_GRACE_MS
  ) {
    // A draft scheduled for a time long gone would otherwise go at once,
    // which is not what whoever scheduled it asked for.
    throw fieldError("schedule.sendAt", "has passed: choose a later time, or send now");
  } else if (schedule.type === "recurring") {
    scheduledAt = nextOccurrence(schedule, now);
    if (!scheduledAt) {
      throw new AppError("validation_failed", "schedule: the recurrence has no run left", {
        fields: [{ field: "schedule.endsOn", message: "is before the next run" }],
      });
    }
  }
  if (scheduledAt) {
    await moveStatus(
      campaignId,
      allowedFrom.launch,
      {
        status: "scheduled",
        scheduledAt,
        nextOccurrenceAt: schedule.type === "recurring" ? scheduledAt : null,
      },
      { appId, actor, action: "campaign.scheduled" },
    );
    return { status: "scheduled", scheduledAt: scheduledAt.toISOString() };
  }
  await startSending(appId, campaignId, allowedFrom.launch, actor);
  return { status: "sending" };
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
    { appId, actor, action: "campaign.paused" },
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
    { appId, actor, action: "campaign.resumed" },
  );
  if (status === "sending") {
    if (!campaign.launchCompletedAt && campaign.category !== "triggered") {
      await enqueueLaunch({ campaignId, phase: await currentLaunchPhase(campaignId) });
    }
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
    { status: "canceled", canceledAt: new Date(), nextOccurrenceAt: null },
    { appId, actor, action: "campaign.canceled" },
  );
}
