-- DropIndex
DROP INDEX "events_appId_name_occurredAt_subscriberId_idx";

-- CreateIndex
CREATE INDEX "events_appId_name_occurredAt_subscriberId_revenue_idx" ON "events"("appId", "name", "occurredAt", "subscriberId", "revenue");
