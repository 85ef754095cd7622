-- AlterEnum
ALTER TYPE "CampaignSource" ADD VALUE 'test';
