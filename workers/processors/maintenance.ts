import type { Job } from "bullmq";
import { reconcileDeliveries } from "@/lib/delivery/reconcile";
import type { Logger } from "@/lib/logger";
import { type MaintenanceJob, maintenanceJobSchema } from "@/lib/queue/jobs";

export async function processMaintenance(job: Job<MaintenanceJob>, log: Logger): Promise<void> {
  const { task } = maintenanceJobSchema.parse(job.data);
  if (task === "tick") await reconcileDeliveries(log);
}
