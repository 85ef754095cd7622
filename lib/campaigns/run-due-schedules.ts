import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { chooseWinner } from "@/lib/experiments/choose-winner";
import type { Logger } from "@/lib/logger";
import { nextOccurrence } from "./recurrence";
import { experimentSchema, scheduleSchema } from "./schemas";
import { startSending } from "./transitions";

/** A lost race with another tick or a marketer (409) is fine: someone else did the work. */
async function tolerateConflicts(
  work: () => Promise<unknown>,
  log: Logger,
  what: string,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppError && error.code === "conflict") return;
    log.error({ err: error }, `scheduler: ${what} failed`);
  }
}

/**
 * Creates one run of a recurring campaign: a copy with the same content and
 * audience, sent now. The template's next run moves first (conditionally),
 * so two ticks cannot both create the same run.
 */
async function runOccurrence(templateId: string, dueAt: Date, now: Date): Promise<void> {
  const db = getDb();
  const template = await db.campaign.findUniqueOrThrow({
    where: { id: templateId },
    include: { variants: true },
  });
  const schedule = scheduleSchema.parse(template.schedule);
  if (schedule.type !== "recurring") return;
  const next = nextOccurrence(schedule, now);
  const child = await db.$transaction(async (tx) => {
    const { count } = await tx.campaign.updateMany({
      where: { id: templateId, status: "scheduled", nextOccurrenceAt: dueAt },
      data: next
        ? { nextOccurrenceAt: next, scheduledAt: next }
        : { nextOccurrenceAt: null, status: "completed", completedAt: now },
    });
    if (count === 0) return null;
    return tx.campaign.create({
      data: {
        appId: template.appId,
        parentId: template.id,
        name: `${template.name} · ${dueAt.toISOString().slice(0, 10)}`,
        category: template.category,
        source: template.source,
        segmentId: template.segmentId,
        topicId: template.topicId,
        audience: template.audience ?? {},
        schedule: { type: "now" },
        experiment: template.experiment ?? undefined,
        ttlSeconds: template.ttlSeconds,
        throttlePerMinute: template.throttlePerMinute,
        createdById: template.createdById,
        variants: {
          create: template.variants.map((variant) => ({
            key: variant.key,
            name: variant.name,
            weight: variant.weight,
            content: variant.content ?? {},
          })),
        },
      },
      select: { id: true },
    });
  });
  if (child) await startSending(template.appId, child.id, ["draft"], null);
}

/**
 * The scheduler half of the maintenance tick: starts campaigns whose time
 * has come, runs recurring campaigns, and picks A/B winners whose window
 * ended (automatic selection only).
 */
export async function runDueSchedules(log: Logger, now = new Date()): Promise<void> {
  const db = getDb();
  const due = await db.campaign.findMany({
    where: { status: "scheduled", scheduledAt: { lte: now } },
    select: { id: true, appId: true, nextOccurrenceAt: true },
    take: 100,
  });
  for (const campaign of due) {
    if (campaign.nextOccurrenceAt) {
      const dueAt = campaign.nextOccurrenceAt;
      await tolerateConflicts(() => runOccurrence(campaign.id, dueAt, now), log, "recurring run");
    } else {
      await tolerateConflicts(
        () => startSending(campaign.appId, campaign.id, ["scheduled"], null),
        log,
        "scheduled launch",
      );
    }
  }
  const decisions = await db.campaign.findMany({
    where: { status: "sending", experimentDecidesAt: { lte: now } },
    select: { id: true, appId: true, experiment: true, launchCompletedAt: true },
    take: 100,
  });
  for (const campaign of decisions) {
    const experiment = campaign.experiment ? experimentSchema.parse(campaign.experiment) : null;
    // The test share must be fully out before its results mean anything.
    if (experiment?.selection !== "auto" || !campaign.launchCompletedAt) continue;
    await tolerateConflicts(
      () => chooseWinner(campaign.appId, campaign.id, null, null, "send-first"),
      log,
      "A/B decision",
    );
  }
}
