-- AlterTable
ALTER TABLE "devices" ADD COLUMN     "sdkTokenHash" TEXT;

-- AlterTable
ALTER TABLE "events" ALTER COLUMN "subscriberId" DROP NOT NULL;
