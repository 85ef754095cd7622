-- CreateIndex
CREATE INDEX "devices_appId_status_subscriberId_platform_idx" ON "devices"("appId", "status", "subscriberId", "platform");
