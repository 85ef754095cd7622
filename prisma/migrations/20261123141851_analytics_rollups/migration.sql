-- CreateTable
CREATE TABLE "delivery_cohort_rollups" (
    "appId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "category" "CampaignCategory" NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "expired" INTEGER NOT NULL DEFAULT 0,
    "canceled" INTEGER NOT NULL DEFAULT 0,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "opened" INTEGER NOT NULL DEFAULT 0,
    "dismissed" INTEGER NOT NULL DEFAULT 0,
    "converted" INTEGER NOT NULL DEFAULT 0,
    "revenue" DECIMAL(18,4) NOT NULL DEFAULT 0,

    CONSTRAINT "delivery_cohort_rollups_pkey" PRIMARY KEY ("appId","campaignId","platform","hour")
);

-- CreateTable
CREATE TABLE "device_rollups" (
    "appId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "optedIn" INTEGER NOT NULL DEFAULT 0,
    "optedOut" INTEGER NOT NULL DEFAULT 0,
    "invalidated" INTEGER NOT NULL DEFAULT 0,
    "activeChange" INTEGER NOT NULL DEFAULT 0,
    "unsubscribedChange" INTEGER NOT NULL DEFAULT 0,
    "invalidChange" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "device_rollups_pkey" PRIMARY KEY ("appId","platform","hour")
);

-- CreateTable
CREATE TABLE "subscriber_rollups" (
    "appId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "created" INTEGER NOT NULL DEFAULT 0,
    "deleted" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "subscriber_rollups_pkey" PRIMARY KEY ("appId","hour")
);

-- CreateTable
CREATE TABLE "prompt_rollups" (
    "appId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "prompt" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "prompted" INTEGER NOT NULL DEFAULT 0,
    "granted" INTEGER NOT NULL DEFAULT 0,
    "denied" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "prompt_rollups_pkey" PRIMARY KEY ("appId","platform","prompt","hour")
);

-- CreateIndex
CREATE INDEX "delivery_cohort_rollups_appId_hour_idx" ON "delivery_cohort_rollups"("appId", "hour");

-- CreateIndex
CREATE INDEX "delivery_cohort_rollups_campaignId_idx" ON "delivery_cohort_rollups"("campaignId");

-- AddForeignKey
ALTER TABLE "delivery_cohort_rollups" ADD CONSTRAINT "delivery_cohort_rollups_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_cohort_rollups" ADD CONSTRAINT "delivery_cohort_rollups_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device_rollups" ADD CONSTRAINT "device_rollups_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriber_rollups" ADD CONSTRAINT "subscriber_rollups_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prompt_rollups" ADD CONSTRAINT "prompt_rollups_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Analytics rollups, kept like delivery_rollups: statement-level triggers
-- with transition tables aggregate a whole bulk write into one upsert per
-- key, inside the same transaction (the rollups cannot disagree with the
-- rows), upserting in key order so concurrent statements lock rollup rows in
-- the same order (no deadlocks). Deletes that cascade from an app being
-- deleted write nothing (the join on apps finds no app).

-- Deliveries by send hour ("cohort"): terminal statuses count once when
-- reached (sent in its sentAt hour; failed, skipped, expired, canceled when
-- it happened), receipts and conversions in the hour the push was sent.
CREATE FUNCTION herald_deliveries_cohort_insert() RETURNS trigger AS $$
BEGIN
  INSERT INTO delivery_cohort_rollups AS r ("appId", "campaignId", platform, category, hour,
      sent, failed, skipped, expired, canceled, delivered, opened, dismissed, converted, revenue)
  SELECT n."appId", n."campaignId", n.platform, c.category,
         date_trunc('hour', COALESCE(n."sentAt", n."createdAt")) AS hour,
         count(*) FILTER (WHERE n.status = 'sent'), count(*) FILTER (WHERE n.status = 'failed'),
         count(*) FILTER (WHERE n.status = 'skipped'), count(*) FILTER (WHERE n.status = 'expired'),
         count(*) FILTER (WHERE n.status = 'canceled'),
         count(n."deliveredAt"), count(n."openedAt"), count(n."dismissedAt"), count(n."convertedAt"),
         COALESCE(sum(n.revenue), 0)
  FROM new_rows n JOIN campaigns c ON c.id = n."campaignId"
  WHERE n.status IN ('sent', 'failed', 'skipped', 'expired', 'canceled')
     OR n."deliveredAt" IS NOT NULL OR n."openedAt" IS NOT NULL OR n."dismissedAt" IS NOT NULL
     OR n."convertedAt" IS NOT NULL OR n.revenue IS NOT NULL
  GROUP BY n."appId", n."campaignId", n.platform, c.category, 5
  ORDER BY n."appId", n."campaignId", n.platform, 5
  ON CONFLICT ("appId", "campaignId", platform, hour) DO UPDATE SET
    sent = r.sent + EXCLUDED.sent, failed = r.failed + EXCLUDED.failed,
    skipped = r.skipped + EXCLUDED.skipped, expired = r.expired + EXCLUDED.expired,
    canceled = r.canceled + EXCLUDED.canceled, delivered = r.delivered + EXCLUDED.delivered,
    opened = r.opened + EXCLUDED.opened, dismissed = r.dismissed + EXCLUDED.dismissed,
    converted = r.converted + EXCLUDED.converted, revenue = r.revenue + EXCLUDED.revenue;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION herald_deliveries_cohort_update() RETURNS trigger AS $$
DECLARE
  now_utc timestamp(3) := now() AT TIME ZONE 'UTC';
BEGIN
  WITH changed AS (
    SELECT n.*, o.status AS old_status, o."deliveredAt" AS old_delivered_at, o."openedAt" AS old_opened_at,
           o."dismissedAt" AS old_dismissed_at, o."convertedAt" AS old_converted_at, o.revenue AS old_revenue
    FROM new_rows n JOIN old_rows o ON o.id = n.id
  ), measures AS (
    -- Entering a terminal status counts once (they never change again).
    SELECT "appId", "campaignId", platform,
           date_trunc('hour', CASE WHEN status = 'sent' THEN COALESCE("sentAt", now_utc) ELSE now_utc END) AS hour,
           (status = 'sent')::int AS sent, (status = 'failed')::int AS failed,
           (status = 'skipped')::int AS skipped, (status = 'expired')::int AS expired,
           (status = 'canceled')::int AS canceled,
           0 AS delivered, 0 AS opened, 0 AS dismissed, 0 AS converted, 0::numeric AS revenue
    FROM changed
    WHERE status IN ('sent', 'failed', 'skipped', 'expired', 'canceled') AND old_status IN ('pending', 'queued')
    UNION ALL
    -- Receipts: each timestamp counts once, when first set, in its push's send hour.
    SELECT "appId", "campaignId", platform, date_trunc('hour', COALESCE("sentAt", "createdAt")),
           0, 0, 0, 0, 0,
           ("deliveredAt" IS NOT NULL AND old_delivered_at IS NULL)::int,
           ("openedAt" IS NOT NULL AND old_opened_at IS NULL)::int,
           ("dismissedAt" IS NOT NULL AND old_dismissed_at IS NULL)::int,
           ("convertedAt" IS NOT NULL AND old_converted_at IS NULL)::int,
           COALESCE(revenue, 0) - COALESCE(old_revenue, 0)
    FROM changed
    WHERE ("deliveredAt" IS NOT NULL AND old_delivered_at IS NULL)
       OR ("openedAt" IS NOT NULL AND old_opened_at IS NULL)
       OR ("dismissedAt" IS NOT NULL AND old_dismissed_at IS NULL)
       OR ("convertedAt" IS NOT NULL AND old_converted_at IS NULL)
       OR COALESCE(revenue, 0) <> COALESCE(old_revenue, 0)
  )
  INSERT INTO delivery_cohort_rollups AS r ("appId", "campaignId", platform, category, hour,
      sent, failed, skipped, expired, canceled, delivered, opened, dismissed, converted, revenue)
  SELECT m."appId", m."campaignId", m.platform, c.category, m.hour,
         sum(m.sent), sum(m.failed), sum(m.skipped), sum(m.expired), sum(m.canceled),
         sum(m.delivered), sum(m.opened), sum(m.dismissed), sum(m.converted), sum(m.revenue)
  FROM measures m JOIN campaigns c ON c.id = m."campaignId"
  GROUP BY m."appId", m."campaignId", m.platform, c.category, m.hour
  ORDER BY m."appId", m."campaignId", m.platform, m.hour
  ON CONFLICT ("appId", "campaignId", platform, hour) DO UPDATE SET
    sent = r.sent + EXCLUDED.sent, failed = r.failed + EXCLUDED.failed,
    skipped = r.skipped + EXCLUDED.skipped, expired = r.expired + EXCLUDED.expired,
    canceled = r.canceled + EXCLUDED.canceled, delivered = r.delivered + EXCLUDED.delivered,
    opened = r.opened + EXCLUDED.opened, dismissed = r.dismissed + EXCLUDED.dismissed,
    converted = r.converted + EXCLUDED.converted, revenue = r.revenue + EXCLUDED.revenue;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER deliveries_cohort_insert
  AFTER INSERT ON deliveries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION herald_deliveries_cohort_insert();

CREATE TRIGGER deliveries_cohort_update
  AFTER UPDATE ON deliveries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION herald_deliveries_cohort_update();

-- Devices: each status change moves one device from one status count to
-- another in the hour it happened (the device's own timestamp for it, so a
-- seed may write history), and counts as an opt-in, opt-out or invalidation.
CREATE FUNCTION herald_upsert_device_changes(changes jsonb) RETURNS void AS $$
  INSERT INTO device_rollups AS r ("appId", platform, hour, "optedIn", "optedOut", invalidated,
      "activeChange", "unsubscribedChange", "invalidChange")
  SELECT d.app_id, d.platform::"Platform", d.hour, sum(d.opted_in), sum(d.opted_out), sum(d.invalidated),
         sum(d.active), sum(d.unsubscribed), sum(d.invalid)
  FROM jsonb_to_recordset(changes) AS d(app_id text, platform text, hour timestamp(3), opted_in int,
      opted_out int, invalidated int, active int, unsubscribed int, invalid int)
  JOIN apps a ON a.id = d.app_id
  GROUP BY d.app_id, d.platform, d.hour
  ORDER BY d.app_id, d.platform, d.hour
  ON CONFLICT ("appId", platform, hour) DO UPDATE SET
    "optedIn" = r."optedIn" + EXCLUDED."optedIn", "optedOut" = r."optedOut" + EXCLUDED."optedOut",
    invalidated = r.invalidated + EXCLUDED.invalidated,
    "activeChange" = r."activeChange" + EXCLUDED."activeChange",
    "unsubscribedChange" = r."unsubscribedChange" + EXCLUDED."unsubscribedChange",
    "invalidChange" = r."invalidChange" + EXCLUDED."invalidChange";
$$ LANGUAGE sql;

-- When a device entered its status: the timestamp the app keeps for it, else now.
CREATE FUNCTION herald_device_status_hour(status "DeviceStatus", opted_in_at timestamp(3),
    opted_out_at timestamp(3), invalidated_at timestamp(3), fallback timestamp(3)) RETURNS timestamp(3) AS $$
  SELECT date_trunc('hour', CASE status WHEN 'active' THEN COALESCE(opted_in_at, fallback)
                                        WHEN 'unsubscribed' THEN COALESCE(opted_out_at, fallback)
                                        ELSE COALESCE(invalidated_at, fallback) END)
$$ LANGUAGE sql IMMUTABLE;

CREATE FUNCTION herald_devices_rollup_insert() RETURNS trigger AS $$
DECLARE
  changes jsonb;
BEGIN
  SELECT jsonb_agg(x) INTO changes FROM (
    SELECT n."appId" AS app_id, n.platform,
           herald_device_status_hour(n.status, n."optedInAt", n."optedOutAt", n."invalidatedAt", n."createdAt") AS hour,
           (n.status = 'active')::int AS opted_in, 0 AS opted_out, 0 AS invalidated,
           (n.status = 'active')::int AS active, (n.status = 'unsubscribed')::int AS unsubscribed,
           (n.status = 'invalid')::int AS invalid
    FROM new_rows n
  ) x;
  IF changes IS NOT NULL THEN PERFORM herald_upsert_device_changes(changes); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION herald_devices_rollup_update() RETURNS trigger AS $$
DECLARE
  changes jsonb;
  now_utc timestamp(3) := now() AT TIME ZONE 'UTC';
BEGIN
  SELECT jsonb_agg(x) INTO changes FROM (
    SELECT n."appId" AS app_id, n.platform,
           herald_device_status_hour(n.status, n."optedInAt", n."optedOutAt", n."invalidatedAt", now_utc) AS hour,
           (n.status = 'active')::int AS opted_in, (n.status = 'unsubscribed')::int AS opted_out,
           (n.status = 'invalid')::int AS invalidated,
           (n.status = 'active')::int - (o.status = 'active')::int AS active,
           (n.status = 'unsubscribed')::int - (o.status = 'unsubscribed')::int AS unsubscribed,
           (n.status = 'invalid')::int - (o.status = 'invalid')::int AS invalid
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.status <> o.status
  ) x;
  IF changes IS NOT NULL THEN PERFORM herald_upsert_device_changes(changes); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION herald_devices_rollup_delete() RETURNS trigger AS $$
DECLARE
  changes jsonb;
  now_utc timestamp(3) := now() AT TIME ZONE 'UTC';
BEGIN
  SELECT jsonb_agg(x) INTO changes FROM (
    SELECT o."appId" AS app_id, o.platform, date_trunc('hour', now_utc) AS hour,
           0 AS opted_in, 0 AS opted_out, 0 AS invalidated,
           -(o.status = 'active')::int AS active, -(o.status = 'unsubscribed')::int AS unsubscribed,
           -(o.status = 'invalid')::int AS invalid
    FROM old_rows o
  ) x;
  IF changes IS NOT NULL THEN PERFORM herald_upsert_device_changes(changes); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER devices_rollup_insert
  AFTER INSERT ON devices REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION herald_devices_rollup_insert();

CREATE TRIGGER devices_rollup_update
  AFTER UPDATE ON devices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION herald_devices_rollup_update();

CREATE TRIGGER devices_rollup_delete
  AFTER DELETE ON devices REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION herald_devices_rollup_delete();

-- Subscribers: created in their createdAt hour, deleted (erasure, merge) when it happens.
CREATE FUNCTION herald_subscribers_rollup_insert() RETURNS trigger AS $$
BEGIN
  INSERT INTO subscriber_rollups AS r ("appId", hour, created)
  SELECT n."appId", date_trunc('hour', n."createdAt") AS hour, count(*)
  FROM new_rows n JOIN apps a ON a.id = n."appId"
  GROUP BY n."appId", 2 ORDER BY n."appId", 2
  ON CONFLICT ("appId", hour) DO UPDATE SET created = r.created + EXCLUDED.created;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION herald_subscribers_rollup_delete() RETURNS trigger AS $$
BEGIN
  INSERT INTO subscriber_rollups AS r ("appId", hour, deleted)
  SELECT o."appId", date_trunc('hour', now() AT TIME ZONE 'UTC') AS hour, count(*)
  FROM old_rows o JOIN apps a ON a.id = o."appId"
  GROUP BY o."appId" ORDER BY o."appId"
  ON CONFLICT ("appId", hour) DO UPDATE SET deleted = r.deleted + EXCLUDED.deleted;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER subscribers_rollup_insert
  AFTER INSERT ON subscribers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION herald_subscribers_rollup_insert();

CREATE TRIGGER subscribers_rollup_delete
  AFTER DELETE ON subscribers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION herald_subscribers_rollup_delete();

-- Permission prompts, from the SDK's prompt events (lib/events/prompt-events.ts)
-- or a server's: `properties.prompt` 'soft' is Herald's soft ask, anything
-- else the native permission dialog; `properties.platform` defaults to web.
CREATE FUNCTION herald_events_prompt_rollup_insert() RETURNS trigger AS $$
BEGIN
  INSERT INTO prompt_rollups AS r ("appId", platform, prompt, hour, prompted, granted, denied)
  SELECT n."appId",
         (CASE WHEN n.properties->>'platform' IN ('ios', 'android') THEN n.properties->>'platform' ELSE 'web' END)::"Platform" AS platform,
         CASE WHEN n.properties->>'prompt' = 'soft' THEN 'soft' ELSE 'native' END AS prompt,
         date_trunc('hour', n."occurredAt") AS hour,
         count(*) FILTER (WHERE n.name = 'push_prompted'), count(*) FILTER (WHERE n.name = 'push_granted'),
         count(*) FILTER (WHERE n.name = 'push_denied')
  FROM new_rows n
  WHERE n.name IN ('push_prompted', 'push_granted', 'push_denied')
  GROUP BY n."appId", 2, 3, 4 ORDER BY n."appId", 2, 3, 4
  ON CONFLICT ("appId", platform, prompt, hour) DO UPDATE SET
    prompted = r.prompted + EXCLUDED.prompted, granted = r.granted + EXCLUDED.granted,
    denied = r.denied + EXCLUDED.denied;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER events_prompt_rollup_insert
  AFTER INSERT ON events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION herald_events_prompt_rollup_insert();

-- Backfill from what is already there. Device history before this migration
-- is approximated from the timestamps devices keep: each was active from its
-- opt-in and left at its opt-out or invalidation, which makes the running
-- sums equal today's counts.
INSERT INTO delivery_cohort_rollups ("appId", "campaignId", platform, category, hour,
    sent, failed, skipped, expired, canceled, delivered, opened, dismissed, converted, revenue)
SELECT d."appId", d."campaignId", d.platform, c.category, date_trunc('hour', COALESCE(d."sentAt", d."updatedAt")),
       count(*) FILTER (WHERE d.status = 'sent'), count(*) FILTER (WHERE d.status = 'failed'),
       count(*) FILTER (WHERE d.status = 'skipped'), count(*) FILTER (WHERE d.status = 'expired'),
       count(*) FILTER (WHERE d.status = 'canceled'),
       count(d."deliveredAt"), count(d."openedAt"), count(d."dismissedAt"), count(d."convertedAt"),
       COALESCE(sum(d.revenue), 0)
FROM deliveries d JOIN campaigns c ON c.id = d."campaignId"
WHERE d.status IN ('sent', 'failed', 'skipped', 'expired', 'canceled')
   OR d."deliveredAt" IS NOT NULL OR d."openedAt" IS NOT NULL OR d."dismissedAt" IS NOT NULL
   OR d."convertedAt" IS NOT NULL OR d.revenue IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO device_rollups ("appId", platform, hour, "optedIn", "optedOut", invalidated,
    "activeChange", "unsubscribedChange", "invalidChange")
SELECT app_id, platform, hour, sum(opted_in), sum(opted_out), sum(invalidated), sum(active),
       sum(unsubscribed), sum(invalid)
FROM (
  SELECT "appId" AS app_id, platform, date_trunc('hour', COALESCE("optedInAt", "createdAt")) AS hour,
         1 AS opted_in, 0 AS opted_out, 0 AS invalidated, 1 AS active, 0 AS unsubscribed, 0 AS invalid
  FROM devices
  UNION ALL
  SELECT "appId", platform,
         date_trunc('hour', CASE status WHEN 'unsubscribed' THEN COALESCE("optedOutAt", "updatedAt")
                                        ELSE COALESCE("invalidatedAt", "updatedAt") END),
         0, (status = 'unsubscribed')::int, (status = 'invalid')::int, -1,
         (status = 'unsubscribed')::int, (status = 'invalid')::int
  FROM devices WHERE status <> 'active'
) x
GROUP BY app_id, platform, hour;

INSERT INTO subscriber_rollups ("appId", hour, created)
SELECT "appId", date_trunc('hour', "createdAt"), count(*) FROM subscribers GROUP BY 1, 2;

INSERT INTO prompt_rollups ("appId", platform, prompt, hour, prompted, granted, denied)
SELECT "appId",
       (CASE WHEN properties->>'platform' IN ('ios', 'android') THEN properties->>'platform' ELSE 'web' END)::"Platform",
       CASE WHEN properties->>'prompt' = 'soft' THEN 'soft' ELSE 'native' END,
       date_trunc('hour', "occurredAt"),
       count(*) FILTER (WHERE name = 'push_prompted'), count(*) FILTER (WHERE name = 'push_granted'),
       count(*) FILTER (WHERE name = 'push_denied')
FROM events WHERE name IN ('push_prompted', 'push_granted', 'push_denied')
GROUP BY 1, 2, 3, 4;
