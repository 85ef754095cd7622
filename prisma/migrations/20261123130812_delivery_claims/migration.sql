-- AlterTable
ALTER TABLE "campaigns" ADD COLUMN     "audienceSize" INTEGER,
ADD COLUMN     "launchCompletedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN     "claimToken" TEXT;
