-- DropIndex
DROP INDEX "events_appId_dedupeKey_key";

-- CreateIndex
CREATE UNIQUE INDEX "events_appId_dedupeKey_key" ON "events"("appId", "dedupeKey") WHERE ("dedupeKey" IS NOT NULL);
