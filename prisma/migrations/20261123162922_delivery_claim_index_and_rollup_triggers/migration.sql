-- DropIndex
DROP INDEX "deliveries_campaignId_status_idx";

-- CreateIndex
CREATE INDEX "deliveries_campaignId_status_id_idx" ON "deliveries"("campaignId", "status", "id");

-- Delivery rollup triggers, cheaper per send (same counts as before):
--
-- * A statement that moves no row into a counted state (a send job's claim,
--   pending → queued; a row handed back for a retry) returns at once.
-- * The statements that join old_rows to new_rows run through EXECUTE, so
--   each is planned with the real number of rows. Planned once per session,
--   PL/pgSQL keeps the row count of the first call in its plan (a 1-row
--   claim, say), and later 500-row statements then ran a nested loop over
--   both transition tables: ~40 ms per claim.
-- * delivery_rollups measures are summed per rollup key before any jsonb is
--   built, instead of one jsonb object per changed row.

CREATE OR REPLACE FUNCTION herald_deliveries_rollup_update() RETURNS trigger AS $$
DECLARE
  deltas jsonb;
  reasons jsonb;
  now_utc timestamp(3) := now() AT TIME ZONE 'UTC';
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows
                 WHERE status IN ('sent', 'failed', 'skipped', 'expired', 'canceled')
                    OR "deliveredAt" IS NOT NULL OR "openedAt" IS NOT NULL OR "dismissedAt" IS NOT NULL
                    OR "convertedAt" IS NOT NULL OR revenue IS NOT NULL)
     AND NOT EXISTS (SELECT 1 FROM old_rows WHERE revenue IS NOT NULL) THEN
    RETURN NULL;
  END IF;

  EXECUTE $sql$
    WITH changed AS (
      SELECT n.*, o.status AS old_status, o."deliveredAt" AS old_delivered_at, o."openedAt" AS old_opened_at,
             o."dismissedAt" AS old_dismissed_at, o."convertedAt" AS old_converted_at, o.revenue AS old_revenue
      FROM new_rows n JOIN old_rows o ON o.id = n.id
    ), measures AS (
      -- A row's terminal status is reached once (sent, failed, skipped, expired
      -- and canceled never change again), so entering one counts.
      SELECT "appId" AS app_id, "campaignId" AS campaign_id, COALESCE("variantId", '') AS variant_id, platform,
             date_trunc('hour', CASE WHEN status = 'sent' THEN COALESCE("sentAt", $1) ELSE $1 END) AS hour,
             (status = 'sent')::int AS sent, (status = 'failed')::int AS failed,
             (status = 'skipped')::int AS skipped, (status = 'expired')::int AS expired,
             (status = 'canceled')::int AS canceled, 0 AS delivered, 0 AS opened, 0 AS dismissed,
             0 AS converted, 0::numeric AS revenue, 0::bigint AS open_delay, 0 AS b1, 0 AS b5, 0 AS b15,
             0 AS b30, 0 AS b60, 0 AS b120, 0 AS b360, 0 AS b1440, 0 AS blater
      FROM changed
      WHERE status IN ('sent', 'failed', 'skipped', 'expired', 'canceled') AND old_status IN ('pending', 'queued')
      UNION ALL
      -- Receipts: each timestamp counts once, when it is first set.
      SELECT "appId", "campaignId", COALESCE("variantId", ''), platform, date_trunc('hour', "deliveredAt"),
             0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      FROM changed WHERE "deliveredAt" IS NOT NULL AND old_delivered_at IS NULL
      UNION ALL
      SELECT "appId", "campaignId", COALESCE("variantId", ''), platform, date_trunc('hour', "openedAt"),
             0, 0, 0, 0, 0, 0, 1, 0, 0, 0, greatest(0, delay)::bigint,
             (delay <= 60)::int, (delay > 60 AND delay <= 300)::int,
             (delay > 300 AND delay <= 900)::int, (delay > 900 AND delay <= 1800)::int,
             (delay > 1800 AND delay <= 3600)::int, (delay > 3600 AND delay <= 7200)::int,
             (delay > 7200 AND delay <= 21600)::int, (delay > 21600 AND delay <= 86400)::int,
             (delay > 86400)::int
      FROM changed, LATERAL (SELECT COALESCE(extract(epoch FROM "openedAt" - "sentAt"), 0) AS delay) d
      WHERE "openedAt" IS NOT NULL AND old_opened_at IS NULL
      UNION ALL
      SELECT "appId", "campaignId", COALESCE("variantId", ''), platform, date_trunc('hour', "dismissedAt"),
             0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      FROM changed WHERE "dismissedAt" IS NOT NULL AND old_dismissed_at IS NULL
      UNION ALL
      SELECT "appId", "campaignId", COALESCE("variantId", ''), platform,
             date_trunc('hour', COALESCE("convertedAt", $1)),
             0, 0, 0, 0, 0, 0, 0, 0, ("convertedAt" IS NOT NULL AND old_converted_at IS NULL)::int,
             COALESCE(revenue, 0) - COALESCE(old_revenue, 0), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      FROM changed
      WHERE ("convertedAt" IS NOT NULL AND old_converted_at IS NULL)
         OR COALESCE(revenue, 0) <> COALESCE(old_revenue, 0)
    )
    SELECT jsonb_agg(to_jsonb(g)) FROM (
      SELECT app_id, campaign_id, variant_id, platform, hour,
             sum(sent) AS sent, sum(failed) AS failed, sum(skipped) AS skipped, sum(expired) AS expired,
             sum(canceled) AS canceled, sum(delivered) AS delivered, sum(opened) AS opened,
             sum(dismissed) AS dismissed, sum(converted) AS converted, sum(revenue) AS revenue,
             sum(open_delay) AS open_delay, sum(b1) AS b1, sum(b5) AS b5, sum(b15) AS b15, sum(b30) AS b30,
             sum(b60) AS b60, sum(b120) AS b120, sum(b360) AS b360, sum(b1440) AS b1440, sum(blater) AS blater
      FROM measures
      GROUP BY app_id, campaign_id, variant_id, platform, hour
    ) g
  $sql$ INTO deltas USING now_utc;

  EXECUTE $sql$
    SELECT jsonb_agg(x) FROM (
      SELECT n."appId" AS app_id, n."campaignId" AS campaign_id, n.platform, n.status, n.reason,
             date_trunc('hour', $1) AS hour
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.status IN ('failed', 'skipped', 'expired', 'canceled') AND o.status IN ('pending', 'queued')
        AND n.reason IS NOT NULL
    ) x
  $sql$ INTO reasons USING now_utc;

  PERFORM herald_apply_delivery_deltas(herald_fill_delta_defaults(deltas), reasons);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION herald_deliveries_cohort_update() RETURNS trigger AS $$
DECLARE
  now_utc timestamp(3) := now() AT TIME ZONE 'UTC';
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows
                 WHERE status IN ('sent', 'failed', 'skipped', 'expired', 'canceled')
                    OR "deliveredAt" IS NOT NULL OR "openedAt" IS NOT NULL OR "dismissedAt" IS NOT NULL
                    OR "convertedAt" IS NOT NULL OR revenue IS NOT NULL)
     AND NOT EXISTS (SELECT 1 FROM old_rows WHERE revenue IS NOT NULL) THEN
    RETURN NULL;
  END IF;

  EXECUTE $sql$
    WITH changed AS (
      SELECT n.*, o.status AS old_status, o."deliveredAt" AS old_delivered_at, o."openedAt" AS old_opened_at,
             o."dismissedAt" AS old_dismissed_at, o."convertedAt" AS old_converted_at, o.revenue AS old_revenue
      FROM new_rows n JOIN old_rows o ON o.id = n.id
    ), measures AS (
      -- Entering a terminal status counts once (they never change again).
      SELECT "appId", "campaignId", platform,
             date_trunc('hour', CASE WHEN status = 'sent' THEN COALESCE("sentAt", $1) ELSE $1 END) AS hour,
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
      converted = r.converted + EXCLUDED.converted, revenue = r.revenue + EXCLUDED.revenue
  $sql$ USING now_utc;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
