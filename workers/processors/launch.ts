import type { Job } from "bullmq";
import { launchCampaignPhase } from "@/lib/delivery/launch-phase";
import type { Logger } from "@/lib/logger";
import { type LaunchJob, launchJobSchema } from "@/lib/queue/jobs";

export async function processLaunch(job: Job<LaunchJob>, log: Logger): Promise<void> {
  const { campaignId, phase } = launchJobSchema.parse(job.data);
  await launchCampaignPhase(campaignId, phase, log.child({ jobId: job.id }));
}
