-- AlterTable
ALTER TABLE "idempotency_records" ADD COLUMN     "resourceId" TEXT;
