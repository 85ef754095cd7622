-- DropIndex
DROP INDEX "events_appId_name_occurredAt_idx";

-- CreateIndex
CREATE INDEX "events_appId_name_occurredAt_subscriberId_idx" ON "events"("appId", "name", "occurredAt", "subscriberId");

-- CreateIndex
CREATE INDEX "deliveries_appId_openedAt_subscriberId_idx" ON "deliveries"("appId", "openedAt", "subscriberId") WHERE ("openedAt" IS NOT NULL);
