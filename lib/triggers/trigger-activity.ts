import { triggerSchema } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";
import type { TriggerFireStatus } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { addDays, localDateOf, zonedTimeToUtc } from "@/lib/time";
import type { TriggerActivityDto, TriggerActivityQuery } from "./schemas";

const statuses: TriggerFireStatus[] = ["pending", "sent", "exited", "skipped"];
const DAY_MS = 24 * 3600_000;

type Counts = Record<TriggerFireStatus, number>;
const zeroCounts = (): Counts => ({ pending: 0, sent: 0, exited: 0, skipped: 0 });

/** Columns are UTC `timestamp`s: compare them with UTC wall times, whatever the session's zone. */
const utc = (instant: Date) => instant.toISOString().replace("Z", "");

/**
 * What a triggered campaign has done lately: its firings of the last `days`
 * local days (by when they fired) per status and per day, which exit event
 * closed the exited ones, and what is still waiting to be sent. Reads only
 * the campaign's own firings; a campaign of another app is not found.
 */
export async function getTriggerActivity(
  appId: string,
  campaignId: string,
  query: TriggerActivityQuery,
  now = new Date(),
): Promise<TriggerActivityDto> {
  const db = getDb();
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, appId },
    select: { id: true, status: true, trigger: true, app: { select: { defaultTimezone: true } } },
  });
  if (!campaign) throw notFound(`Campaign ${campaignId}`);
  const parsed = triggerSchema.safeParse(campaign.trigger);
  const trigger = parsed.success ? parsed.data : null;
  const timezone = campaign.app.defaultTimezone;
  const to = localDateOf(now, timezone);
  const from = addDays(to, -(query.days - 1));
  const start = zonedTimeToUtc(from, "00:00", timezone);
  const end = zonedTimeToUtc(addDays(to, 1), "00:00", timezone);
  const days = Array.from({ length: query.days }, (_, index) => addDays(from, index));

  const activity: TriggerActivityDto = {
    campaignId: campaign.id,
    status: campaign.status,
    trigger,
    period: { days: query.days, from, to, timezone },
    firings: { ...zeroCounts(), total: 0 },
    exits: [],
    daily: days.map((date) => ({ date, ...zeroCounts() })),
    upcoming: { pending: 0, dueNow: 0, next24Hours: 0, nextDueAt: null },
  };
  if (!trigger) return activity;

  const exitEvents = trigger.type === "event" ? trigger.exitEvents : [];
  const pendingWhere = { campaignId, appId, status: "pending" as const };
  const [perDay, exits, pending, dueNow, next24Hours, next] = await Promise.all([
    db.$queryRaw<{ day: string; status: TriggerFireStatus; count: number }[]>`
      SELECT to_char((f."firedAt" AT TIME ZONE 'UTC') AT TIME ZONE ${timezone}, 'YYYY-MM-DD') AS day,
             f.status::text AS status, count(*)::int AS count
      FROM trigger_fires f
      WHERE f."campaignId" = ${campaignId} AND f."appId" = ${appId}
        AND f."firedAt" >= ${utc(start)}::timestamp AND f."firedAt" < ${utc(end)}::timestamp
      GROUP BY 1, 2`,
    // The exit event a person did first after the firing is what closed it. An
    // erased event (GDPR) leaves the reason unknown: null.
    exitEvents.length
      ? db.$queryRaw<{ event: string | null; count: number }[]>`
          SELECT x.name AS event, count(*)::int AS count
          FROM trigger_fires f
          LEFT JOIN LATERAL (
            SELECT e.name FROM events e
            WHERE e."subscriberId" = f."subscriberId" AND e.name = ANY(${exitEvents})
              AND e."occurredAt" > f."firedAt"
            ORDER BY e."occurredAt"
            LIMIT 1
          ) x ON true
          WHERE f."campaignId" = ${campaignId} AND f."appId" = ${appId} AND f.status = 'exited'
            AND f."firedAt" >= ${utc(start)}::timestamp AND f."firedAt" < ${utc(end)}::timestamp
          GROUP BY x.name
          ORDER BY count(*) DESC, x.name`
      : Promise.resolve([]),
    db.triggerFire.count({ where: pendingWhere }),
    db.triggerFire.count({ where: { ...pendingWhere, dueAt: { lte: now } } }),
    db.triggerFire.count({
      where: { ...pendingWhere, dueAt: { gt: now, lte: new Date(now.getTime() + DAY_MS) } },
    }),
    db.triggerFire.aggregate({ where: pendingWhere, _min: { dueAt: true } }),
  ]);

  const byDay = new Map(activity.daily.map((day) => [day.date, day]));
  for (const row of perDay) {
    if (!statuses.includes(row.status)) continue;
    const day = byDay.get(row.day);
    if (day) day[row.status] += row.count;
    activity.firings[row.status] += row.count;
    activity.firings.total += row.count;
  }
  activity.exits = exits.map((row) => ({ event: row.event, count: row.count }));
  activity.upcoming = {
    pending,
    dueNow,
    next24Hours,
    nextDueAt: next._min.dueAt?.toISOString() ?? null,
  };
  return activity;
}
