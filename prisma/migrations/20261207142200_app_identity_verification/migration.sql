-- AlterTable
ALTER TABLE "apps" ADD COLUMN     "identitySecret" TEXT,
ADD COLUMN     "requireIdentityVerification" BOOLEAN NOT NULL DEFAULT false;
