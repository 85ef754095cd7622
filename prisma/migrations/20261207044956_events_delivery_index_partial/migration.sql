-- DropIndex
DROP INDEX "events_deliveryId_idx";

-- CreateIndex
CREATE INDEX "events_deliveryId_idx" ON "events"("deliveryId") WHERE ("deliveryId" IS NOT NULL);
