import type { Job } from "bullmq";
import { purgeExpiredRevokedSessions } from "@/lib/auth/revoked-sessions";
import { runDueSchedules } from "@/lib/campaigns/run-due-schedules";
import { reconcileDeliveries } from "@/lib/delivery/reconcile";
import type { Logger } from "@/lib/logger";
import { purgeExpiredIdempotencyRecords } from "@/lib/maintenance/purge-idempotency-records";
import { type MaintenanceJob, maintenanceJobSchema } from "@/lib/queue/jobs";
import { detectInactivity, runDueTriggers } from "@/lib/triggers/run-due-triggers";

export async function processMaintenance(job: Job<MaintenanceJob>, log: Logger): Promise<void> {
  const { task } = maintenanceJobSchema.parse(job.data);
  if (task === "tick") {
    await runDueSchedules(log);
    await detectInactivity();
    await runDueTriggers(log);
    await reconcileDeliveries(log);
    await purgeExpiredIdempotencyRecords();
    await purgeExpiredRevokedSessions();
  }
}
