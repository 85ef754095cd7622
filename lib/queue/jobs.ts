import { z } from "zod";

// Job payloads carry ids only: Redis keeps job data in clear text, so no
// token, address or secret ever goes into a job.

export const queueNames = {
  launch: "launch",
  send: "send",
  maintenance: "maintenance",
} as const;
export type QueueName = (typeof queueNames)[keyof typeof queueNames];

const bigintId = z.string().regex(/^\d+$/);

export const launchJobSchema = z.strictObject({
  campaignId: z.string().min(1),
  phase: z.string().min(1).max(32),
});

export const sendJobSchema = z.strictObject({
  campaignId: z.string().min(1),
  fromId: bigintId,
  toId: bigintId,
});

export const maintenanceJobSchema = z.strictObject({
  task: z.enum(["tick"]),
});

export type LaunchJob = z.infer<typeof launchJobSchema>;
export type SendJob = z.infer<typeof sendJobSchema>;
export type MaintenanceJob = z.infer<typeof maintenanceJobSchema>;

export interface JobTypes {
  launch: LaunchJob;
  send: SendJob;
  maintenance: MaintenanceJob;
}
