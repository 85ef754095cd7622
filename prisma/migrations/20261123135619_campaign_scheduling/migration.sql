-- AlterTable
ALTER TABLE "campaigns" ADD COLUMN     "experimentDecidesAt" TIMESTAMP(3),
ADD COLUMN     "nextOccurrenceAt" TIMESTAMP(3),
ADD COLUMN     "parentId" TEXT;

-- CreateIndex
CREATE INDEX "campaigns_status_experimentDecidesAt_idx" ON "campaigns"("status", "experimentDecidesAt");

-- CreateIndex
CREATE INDEX "campaigns_nextOccurrenceAt_idx" ON "campaigns"("nextOccurrenceAt");

-- CreateIndex
CREATE INDEX "campaigns_parentId_idx" ON "campaigns"("parentId");
