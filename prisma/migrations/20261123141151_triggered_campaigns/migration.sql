-- CreateEnum
CREATE TYPE "TriggerFireStatus" AS ENUM ('pending', 'sent', 'exited', 'skipped');

-- DropIndex
DROP INDEX "deliveries_campaignId_deviceId_key";

-- CreateTable
CREATE TABLE "trigger_fires" (
    "id" BIGSERIAL NOT NULL,
    "appId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "subscriberId" BIGINT NOT NULL,
    "eventId" BIGINT,
    "firedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "TriggerFireStatus" NOT NULL DEFAULT 'pending',
    "phase" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "trigger_fires_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "trigger_fires_status_dueAt_idx" ON "trigger_fires"("status", "dueAt");

-- CreateIndex
CREATE INDEX "trigger_fires_campaignId_subscriberId_firedAt_idx" ON "trigger_fires"("campaignId", "subscriberId", "firedAt");

-- CreateIndex
CREATE UNIQUE INDEX "deliveries_campaignId_deviceId_phase_key" ON "deliveries"("campaignId", "deviceId", "phase");

-- AddForeignKey
ALTER TABLE "trigger_fires" ADD CONSTRAINT "trigger_fires_appId_fkey" FOREIGN KEY ("appId") REFERENCES "apps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trigger_fires" ADD CONSTRAINT "trigger_fires_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trigger_fires" ADD CONSTRAINT "trigger_fires_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
