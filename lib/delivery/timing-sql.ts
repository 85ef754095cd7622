import type { Schedule } from "@/lib/campaigns/schemas";
import { Prisma } from "@/lib/db/generated/client";
import { bucketSql } from "./variant-sql";

// The SQL that decides *when* each recipient gets a campaign, evaluated per
// row at materialisation. Time zones come from PostgreSQL's own zone
// database, so daylight-saving changes are handled where the data lives.

export interface TimingContext {
  campaignId: string;
  schedule: Schedule;
  /** The app's best open hour, for subscribers without their own history. */
  appBestHour: number | null;
  /** Marketing and triggered sends respect quiet hours; transactional ones do not. */
  quietHours: { startHour: number; endHour: number } | null;
  ttlSeconds: number;
}

/** Whether the row's local time zone matters (and so the zones join is needed). */
export function needsTimeZones(context: TimingContext): boolean {
  return (
    context.schedule.type === "local_time" ||
    context.schedule.type === "best_hour" ||
    context.quietHours !== null
  );
}

/** Subscriber's own open history: the hour (in their zone) at which they opened most. */
function personalBestHourSql(): Prisma.Sql {
  // Timestamps are stored as UTC without a zone: first mark them UTC, then read them in the subscriber's zone.
  return Prisma.sql`(SELECT extract(hour FROM (dl."openedAt" AT TIME ZONE 'UTC') AT TIME ZONE c.tz)::int
      FROM deliveries dl
      WHERE dl."subscriberId" = c.subscriber_id AND dl."openedAt" IS NOT NULL
        AND dl."sentAt" > now() - interval '180 days'
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)`;
}

function atLocalHour(date: string, hour: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`greatest(now(), (${date}::date + make_interval(hours => ${hour}))::timestamp AT TIME ZONE c.tz)`;
}

/** Best-hour holdout: a share of subscribers sent at the default hour, to measure the lift. */
export function holdoutSql(context: TimingContext): Prisma.Sql {
  if (context.schedule.type !== "best_hour" || context.schedule.holdoutPercent === 0) {
    return Prisma.sql`false`;
  }
  return Prisma.sql`(${bucketSql(context.campaignId, Prisma.sql`c.subscriber_id`, ":holdout")} < ${context.schedule.holdoutPercent * 100})`;
}

/** When the row should go, before quiet hours: NULL means now. */
export function plannedTimeSql(context: TimingContext): Prisma.Sql {
  const { schedule } = context;
  if (schedule.type === "local_time") {
    return Prisma.sql`greatest(now(), (${schedule.date}::date + ${schedule.time}::time)::timestamp AT TIME ZONE c.tz)`;
  }
  if (schedule.type === "best_hour") {
    const fallback = context.appBestHour ?? schedule.defaultHour;
    return Prisma.sql`CASE WHEN ${holdoutSql(context)} THEN ${atLocalHour(schedule.date, Prisma.sql`${schedule.defaultHour}::int`)}
      ELSE ${atLocalHour(schedule.date, Prisma.sql`COALESCE(${personalBestHourSql()}, ${fallback}::int)`)} END`;
  }
  return Prisma.sql`NULL::timestamptz`;
}

/**
 * Moves a time that falls in the app's quiet hours (on the recipient's wall
 * clock) to the end of them; test devices are never held back.
 */
export function quietHoursSql(context: TimingContext, planned: Prisma.Sql): Prisma.Sql {
  if (!context.quietHours) return planned;
  const { startHour, endHour } = context.quietHours;
  const local = Prisma.sql`(COALESCE(${planned}, now()) AT TIME ZONE c.tz)`;
  const hour = Prisma.sql`extract(hour FROM ${local})`;
  const inQuiet =
    startHour < endHour
      ? Prisma.sql`(${hour} >= ${startHour} AND ${hour} < ${endHour})`
      : Prisma.sql`(${hour} >= ${startHour} OR ${hour} < ${endHour})`;
  const endToday = Prisma.sql`(date_trunc('day', ${local}) + make_interval(hours => ${endHour}))`;
  const nextEnd = Prisma.sql`(CASE WHEN ${endToday} <= ${local} THEN ${endToday} + interval '1 day' ELSE ${endToday} END)`;
  return Prisma.sql`(CASE WHEN NOT c.is_test AND ${inQuiet} THEN ${nextEnd} AT TIME ZONE c.tz ELSE ${planned} END)`;
}
