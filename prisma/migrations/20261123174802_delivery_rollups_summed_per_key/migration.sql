-- Delivery rollups take counts already summed per key: a launch statement
-- that skips 20,000 rows (no credential, opted out, quiet hours) built one
-- jsonb object per row for its deltas and another for its reasons (~100 µs
-- of PostgreSQL per skipped row); now one per rollup key. Reasons carry their
-- count (`n`), and an element without one still counts once.

CREATE OR REPLACE FUNCTION herald_apply_delivery_deltas(deltas jsonb, reasons jsonb) RETURNS void AS $$
BEGIN
  IF deltas IS NOT NULL THEN
    INSERT INTO delivery_rollups AS r ("appId", "campaignId", "variantId", platform, category, hour,
        sent, failed, skipped, expired, canceled, delivered, opened, dismissed, converted, revenue,
        "openDelaySeconds", "opensWithin1m", "opensWithin5m", "opensWithin15m", "opensWithin30m",
        "opensWithin1h", "opensWithin2h", "opensWithin6h", "opensWithin24h", "opensLater")
    SELECT d.app_id, d.campaign_id, d.variant_id, d.platform::"Platform", c.category, d.hour,
        sum(d.sent), sum(d.failed), sum(d.skipped), sum(d.expired), sum(d.canceled), sum(d.delivered),
        sum(d.opened), sum(d.dismissed), sum(d.converted), sum(d.revenue), sum(d.open_delay),
        sum(d.b1), sum(d.b5), sum(d.b15), sum(d.b30), sum(d.b60), sum(d.b120), sum(d.b360), sum(d.b1440), sum(d.blater)
    FROM jsonb_to_recordset(deltas) AS d(app_id text, campaign_id text, variant_id text, platform text,
        hour timestamp(3), sent int, failed int, skipped int, expired int, canceled int, delivered int,
        opened int, dismissed int, converted int, revenue numeric, open_delay bigint, b1 int, b5 int,
        b15 int, b30 int, b60 int, b120 int, b360 int, b1440 int, blater int)
    JOIN campaigns c ON c.id = d.campaign_id
    GROUP BY d.app_id, d.campaign_id, d.variant_id, d.platform, c.category, d.hour
    ORDER BY d.app_id, d.campaign_id, d.variant_id, d.platform, d.hour
    ON CONFLICT ("appId", "campaignId", "variantId", platform, hour) DO UPDATE SET
      sent = r.sent + EXCLUDED.sent, failed = r.failed + EXCLUDED.failed,
      skipped = r.skipped + EXCLUDED.skipped, expired = r.expired + EXCLUDED.expired,
      canceled = r.canceled + EXCLUDED.canceled, delivered = r.delivered + EXCLUDED.delivered,
      opened = r.opened + EXCLUDED.opened, dismissed = r.dismissed + EXCLUDED.dismissed,
      converted = r.converted + EXCLUDED.converted, revenue = r.revenue + EXCLUDED.revenue,
      "openDelaySeconds" = r."openDelaySeconds" + EXCLUDED."openDelaySeconds",
      "opensWithin1m" = r."opensWithin1m" + EXCLUDED."opensWithin1m",
      "opensWithin5m" = r."opensWithin5m" + EXCLUDED."opensWithin5m",
      "opensWithin15m" = r."opensWithin15m" + EXCLUDED."opensWithin15m",
      "opensWithin30m" = r."opensWithin30m" + EXCLUDED."opensWithin30m",
      "opensWithin1h" = r."opensWithin1h" + EXCLUDED."opensWithin1h",
      "opensWithin2h" = r."opensWithin2h" + EXCLUDED."opensWithin2h",
      "opensWithin6h" = r."opensWithin6h" + EXCLUDED."opensWithin6h",
      "opensWithin24h" = r."opensWithin24h" + EXCLUDED."opensWithin24h",
      "opensLater" = r."opensLater" + EXCLUDED."opensLater";
  END IF;
  IF reasons IS NOT NULL THEN
    INSERT INTO delivery_reason_rollups AS r ("appId", "campaignId", platform, status, reason, hour, count)
    SELECT d.app_id, d.campaign_id, d.platform::"Platform", d.status::"DeliveryStatus", d.reason, d.hour,
           sum(COALESCE(d.n, 1))
    FROM jsonb_to_recordset(reasons) AS d(app_id text, campaign_id text, platform text, status text,
        reason text, hour timestamp(3), n int)
    GROUP BY d.app_id, d.campaign_id, d.platform, d.status, d.reason, d.hour
    ORDER BY d.app_id, d.campaign_id, d.platform, d.status, d.reason, d.hour
    ON CONFLICT ("appId", "campaignId", platform, status, reason, hour) DO UPDATE SET count = r.count + EXCLUDED.count;
  END IF;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION herald_deliveries_rollup_insert() RETURNS trigger AS $$
DECLARE
  deltas jsonb;
  reasons jsonb;
BEGIN
  SELECT jsonb_agg(to_jsonb(g)) INTO deltas FROM (
    SELECT n."appId" AS app_id, n."campaignId" AS campaign_id, COALESCE(n."variantId", '') AS variant_id,
           n.platform, date_trunc('hour', COALESCE(n."sentAt", n."createdAt")) AS hour,
           count(*) FILTER (WHERE n.status = 'sent') AS sent,
           count(*) FILTER (WHERE n.status = 'failed') AS failed,
           count(*) FILTER (WHERE n.status = 'skipped') AS skipped,
           count(*) FILTER (WHERE n.status = 'expired') AS expired,
           count(*) FILTER (WHERE n.status = 'canceled') AS canceled
    FROM new_rows n
    WHERE n.status IN ('sent', 'failed', 'skipped', 'expired', 'canceled')
    GROUP BY 1, 2, 3, 4, 5
  ) g;
  SELECT jsonb_agg(to_jsonb(g)) INTO reasons FROM (
    SELECT n."appId" AS app_id, n."campaignId" AS campaign_id, n.platform, n.status, n.reason,
           date_trunc('hour', n."createdAt") AS hour, count(*) AS n
    FROM new_rows n
    WHERE n.status IN ('failed', 'skipped', 'expired', 'canceled') AND n.reason IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6
  ) g;
  PERFORM herald_apply_delivery_deltas(herald_fill_delta_defaults(deltas), reasons);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

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
    SELECT jsonb_agg(to_jsonb(g)) FROM (
      SELECT n."appId" AS app_id, n."campaignId" AS campaign_id, n.platform, n.status, n.reason,
             date_trunc('hour', $1) AS hour, count(*) AS n
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.status IN ('failed', 'skipped', 'expired', 'canceled') AND o.status IN ('pending', 'queued')
        AND n.reason IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6
    ) g
  $sql$ INTO reasons USING now_utc;

  PERFORM herald_apply_delivery_deltas(herald_fill_delta_defaults(deltas), reasons);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
