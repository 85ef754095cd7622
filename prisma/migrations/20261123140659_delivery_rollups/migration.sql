-- CreateTable
CREATE TABLE "delivery_rollups" (
    "appId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL DEFAULT '',
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
    "openDelaySeconds" BIGINT NOT NULL DEFAULT 0,
    "opensWithin1m" INTEGER NOT NULL DEFAULT 0,
    "opensWithin5m" INTEGER NOT NULL DEFAULT 0,
    "opensWithin15m" INTEGER NOT NULL DEFAULT 0,
    "opensWithin30m" INTEGER NOT NULL DEFAULT 0,
    "opensWithin1h" INTEGER NOT NULL DEFAULT 0,
    "opensWithin2h" INTEGER NOT NULL DEFAULT 0,
    "opensWithin6h" INTEGER NOT NULL DEFAULT 0,
    "opensWithin24h" INTEGER NOT NULL DEFAULT 0,
    "opensLater" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "delivery_rollups_pkey" PRIMARY KEY ("appId","campaignId","variantId","platform","hour")
);

-- CreateTable
CREATE TABLE "delivery_reason_rollups" (
    "appId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "status" "DeliveryStatus" NOT NULL,
    "reason" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "delivery_reason_rollups_pkey" PRIMARY KEY ("appId","campaignId","platform","status","reason","hour")
);

-- CreateIndex
CREATE INDEX "delivery_rollups_appId_hour_idx" ON "delivery_rollups"("appId", "hour");

-- CreateIndex
CREATE INDEX "delivery_rollups_campaignId_idx" ON "delivery_rollups"("campaignId");

-- CreateIndex
CREATE INDEX "delivery_reason_rollups_campaignId_idx" ON "delivery_reason_rollups"("campaignId");

-- AddForeignKey
ALTER TABLE "delivery_rollups" ADD CONSTRAINT "delivery_rollups_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_rollups" ADD CONSTRAINT "delivery_rollups_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_reason_rollups" ADD CONSTRAINT "delivery_reason_rollups_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_reason_rollups" ADD CONSTRAINT "delivery_reason_rollups_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rollups are kept by statement-level triggers with transition tables: a
-- bulk write of 100 results aggregates into one upsert per (campaign,
-- variant, platform, hour) instead of one per row, inside the same
-- transaction, so the rollups can never disagree with the rows. Measures are
-- counted in the hour they happened. Upserts go in key order so concurrent
-- statements lock rollup rows in the same order (no deadlocks).

CREATE FUNCTION herald_apply_delivery_deltas(deltas jsonb, reasons jsonb) RETURNS void AS $$
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
    SELECT d.app_id, d.campaign_id, d.platform::"Platform", d.status::"DeliveryStatus", d.reason, d.hour, count(*)
    FROM jsonb_to_recordset(reasons) AS d(app_id text, campaign_id text, platform text, status text,
        reason text, hour timestamp(3))
    GROUP BY d.app_id, d.campaign_id, d.platform, d.status, d.reason, d.hour
    ORDER BY d.app_id, d.campaign_id, d.platform, d.status, d.reason, d.hour
    ON CONFLICT ("appId", "campaignId", platform, status, reason, hour) DO UPDATE SET count = r.count + EXCLUDED.count;
  END IF;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION herald_deliveries_rollup_insert() RETURNS trigger AS $$
DECLARE
  deltas jsonb;
  reasons jsonb;
BEGIN
  SELECT jsonb_agg(x) INTO deltas FROM (
    SELECT n."appId" AS app_id, n."campaignId" AS campaign_id, COALESCE(n."variantId", '') AS variant_id,
           n.platform, date_trunc('hour', COALESCE(n."sentAt", n."createdAt")) AS hour,
           (n.status = 'sent')::int AS sent, (n.status = 'failed')::int AS failed,
           (n.status = 'skipped')::int AS skipped, (n.status = 'expired')::int AS expired,
           (n.status = 'canceled')::int AS canceled
    FROM new_rows n
    WHERE n.status IN ('sent', 'failed', 'skipped', 'expired', 'canceled')
  ) x;
  SELECT jsonb_agg(x) INTO reasons FROM (
    SELECT n."appId" AS app_id, n."campaignId" AS campaign_id, n.platform, n.status, n.reason,
           date_trunc('hour', n."createdAt") AS hour
    FROM new_rows n
    WHERE n.status IN ('failed', 'skipped', 'expired', 'canceled') AND n.reason IS NOT NULL
  ) x;
  PERFORM herald_apply_delivery_deltas(herald_fill_delta_defaults(deltas), reasons);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Deltas are built sparse (only the measures that moved); this fills the
-- rest with zeros so the upsert reads one shape.
CREATE FUNCTION herald_fill_delta_defaults(deltas jsonb) RETURNS jsonb AS $$
  SELECT jsonb_agg('{"sent":0,"failed":0,"skipped":0,"expired":0,"canceled":0,"delivered":0,"opened":0,"dismissed":0,"converted":0,"revenue":0,"open_delay":0,"b1":0,"b5":0,"b15":0,"b30":0,"b60":0,"b120":0,"b360":0,"b1440":0,"blater":0}'::jsonb || e)
  FROM jsonb_array_elements(deltas) e
$$ LANGUAGE sql IMMUTABLE;

CREATE FUNCTION herald_deliveries_rollup_update() RETURNS trigger AS $$
DECLARE
  deltas jsonb;
  reasons jsonb;
  now_utc timestamp(3) := now() AT TIME ZONE 'UTC';
BEGIN
  WITH changed AS (
    SELECT n.*, o.status AS old_status, o."deliveredAt" AS old_delivered_at, o."openedAt" AS old_opened_at,
           o."dismissedAt" AS old_dismissed_at, o."convertedAt" AS old_converted_at, o.revenue AS old_revenue
    FROM new_rows n JOIN old_rows o ON o.id = n.id
  ), measures AS (
    -- A row's terminal status is reached once (sent, failed, skipped, expired
    -- and canceled never change again), so entering one counts.
    SELECT "appId" AS app_id, "campaignId" AS campaign_id, COALESCE("variantId", '') AS variant_id, platform,
           date_trunc('hour', CASE WHEN status = 'sent' THEN COALESCE("sentAt", now_utc) ELSE now_utc END) AS hour,
           jsonb_build_object('sent', (status = 'sent')::int, 'failed', (status = 'failed')::int,
             'skipped', (status = 'skipped')::int, 'expired', (status = 'expired')::int,
             'canceled', (status = 'canceled')::int) AS m
    FROM changed
    WHERE status IN ('sent', 'failed', 'skipped', 'expired', 'canceled') AND old_status IN ('pending', 'queued')
    UNION ALL
    -- Receipts: each timestamp counts once, when it is first set.
    SELECT "appId", "campaignId", COALESCE("variantId", ''), platform, date_trunc('hour', "deliveredAt"),
           '{"delivered":1}'::jsonb
    FROM changed WHERE "deliveredAt" IS NOT NULL AND old_delivered_at IS NULL
    UNION ALL
    SELECT "appId", "campaignId", COALESCE("variantId", ''), platform, date_trunc('hour', "openedAt"),
           jsonb_build_object('opened', 1, 'open_delay', greatest(0, delay)::bigint,
             'b1', (delay <= 60)::int, 'b5', (delay > 60 AND delay <= 300)::int,
             'b15', (delay > 300 AND delay <= 900)::int, 'b30', (delay > 900 AND delay <= 1800)::int,
             'b60', (delay > 1800 AND delay <= 3600)::int, 'b120', (delay > 3600 AND delay <= 7200)::int,
             'b360', (delay > 7200 AND delay <= 21600)::int, 'b1440', (delay > 21600 AND delay <= 86400)::int,
             'blater', (delay > 86400)::int)
    FROM changed, LATERAL (SELECT COALESCE(extract(epoch FROM "openedAt" - "sentAt"), 0) AS delay) d
    WHERE "openedAt" IS NOT NULL AND old_opened_at IS NULL
    UNION ALL
    SELECT "appId", "campaignId", COALESCE("variantId", ''), platform, date_trunc('hour', "dismissedAt"),
           '{"dismissed":1}'::jsonb
    FROM changed WHERE "dismissedAt" IS NOT NULL AND old_dismissed_at IS NULL
    UNION ALL
    SELECT "appId", "campaignId", COALESCE("variantId", ''), platform,
           date_trunc('hour', COALESCE("convertedAt", now_utc)),
           jsonb_build_object('converted', ("convertedAt" IS NOT NULL AND old_converted_at IS NULL)::int,
             'revenue', COALESCE(revenue, 0) - COALESCE(old_revenue, 0))
    FROM changed
    WHERE ("convertedAt" IS NOT NULL AND old_converted_at IS NULL)
       OR COALESCE(revenue, 0) <> COALESCE(old_revenue, 0)
  )
  SELECT jsonb_agg(jsonb_build_object('app_id', app_id, 'campaign_id', campaign_id, 'variant_id', variant_id,
           'platform', platform, 'hour', hour) || m)
  INTO deltas FROM measures;

  SELECT jsonb_agg(x) INTO reasons FROM (
    SELECT n."appId" AS app_id, n."campaignId" AS campaign_id, n.platform, n.status, n.reason,
           date_trunc('hour', now_utc) AS hour
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.status IN ('failed', 'skipped', 'expired', 'canceled') AND o.status IN ('pending', 'queued')
      AND n.reason IS NOT NULL
  ) x;

  PERFORM herald_apply_delivery_deltas(herald_fill_delta_defaults(deltas), reasons);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER deliveries_rollup_insert
  AFTER INSERT ON deliveries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION herald_deliveries_rollup_insert();

CREATE TRIGGER deliveries_rollup_update
  AFTER UPDATE ON deliveries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION herald_deliveries_rollup_update();
