import { type JobsOptions, Queue } from "bullmq";
import { getEnv } from "@/lib/env";
import { producerConnection } from "./connection";
import {
  type JobTypes,
  type LaunchJob,
  launchJobSchema,
  type QueueName,
  type SendJob,
  sendJobSchema,
} from "./jobs";

const globalForQueues = globalThis as unknown as { heraldQueues?: Map<QueueName, Queue> };

// Exactly-once comes from the delivery rows, not from BullMQ: completed jobs
// are dropped at once, so a deterministic job id only dedupes work that is
// still waiting, and a re-add after completion is allowed (and harmless).
const defaultJobOptions: JobsOptions = {
  removeOnComplete: true,
  removeOnFail: { age: 24 * 3600, count: 1000 },
  attempts: 8,
  backoff: { type: "exponential", delay: 1_000 },
};

export function getQueue<N extends QueueName>(name: N): Queue<JobTypes[N]> {
  globalForQueues.heraldQueues ??= new Map();
  let queue = globalForQueues.heraldQueues.get(name);
  if (!queue) {
    queue = new Queue(name, {
      connection: producerConnection(),
      prefix: getEnv().HERALD_QUEUE_PREFIX,
      defaultJobOptions,
    });
    globalForQueues.heraldQueues.set(name, queue);
  }
  return queue as Queue<JobTypes[N]>;
}

export async function closeQueues(): Promise<void> {
  const queues = [...(globalForQueues.heraldQueues?.values() ?? [])];
  globalForQueues.heraldQueues = undefined;
  await Promise.all(queues.map((queue) => queue.close()));
}

/** BullMQ ids may not contain ":" (its key separator). */
function jobId(...parts: (string | number)[]): string {
  return parts.join("-");
}

export async function enqueueLaunch(
  job: LaunchJob,
  options: { delayMs?: number } = {},
): Promise<void> {
  const data = launchJobSchema.parse(job);
  await getQueue("launch").add("launch", data, {
    jobId: jobId("launch", data.campaignId, data.phase),
    delay: options.delayMs,
  });
}

export interface SendRange {
  fromId: bigint;
  toId: bigint;
}

/**
 * Enqueues one send job per range. `tag` distinguishes a retry or a
 * reconciliation of the same range from the first attempt.
 */
export async function enqueueSends(
  campaignId: string,
  ranges: SendRange[],
  options: { delayMs?: number; tag?: string } = {},
): Promise<void> {
  if (!ranges.length) return;
  await getQueue("send").addBulk(
    ranges.map((range) => {
      const data: SendJob = sendJobSchema.parse({
        campaignId,
        fromId: range.fromId.toString(),
        toId: range.toId.toString(),
      });
      return {
        name: "send",
        data,
        opts: {
          jobId: jobId("send", campaignId, data.fromId, data.toId, options.tag ?? "first"),
          delay: options.delayMs,
        },
      };
    }),
  );
}
