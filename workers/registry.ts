import { randomUUID } from "node:crypto";
import { type Job, type Processor, Worker } from "bullmq";
import { deliveryTuning } from "@/lib/delivery/tuning";
import { getEnv } from "@/lib/env";
import type { Logger } from "@/lib/logger";
import { workerConnection } from "@/lib/queue/connection";
import type { JobTypes, QueueName } from "@/lib/queue/jobs";
import { getQueue } from "@/lib/queue/queues";
import { processLaunch } from "./processors/launch";
import { processMaintenance } from "./processors/maintenance";
import { closeTransports, processSend } from "./processors/send";

export interface RunningProcessors {
  names: string[];
  close(): Promise<void>;
}

interface Registration<N extends QueueName> {
  queue: N;
  concurrency: number;
  /** `token` is this run's lock token: BullMQ may run one job twice at once (see claimTokenOf). */
  process: (job: Job<JobTypes[N]>, log: Logger, token: string) => Promise<void>;
}

function registrations(): Registration<QueueName>[] {
  const tuning = deliveryTuning();
  return [
    { queue: "launch", concurrency: 2, process: processLaunch },
    { queue: "send", concurrency: tuning.sendJobConcurrency, process: processSend },
    { queue: "maintenance", concurrency: 1, process: processMaintenance },
  ] as Registration<QueueName>[];
}

/**
 * The maintenance tick is a job scheduler; it is re-upserted every four
 * ticks (idempotent) so a Redis that lost its data gets it back without a restart.
 */
async function upsertTick(): Promise<void> {
  await getQueue("maintenance").upsertJobScheduler(
    "maintenance-tick",
    { every: deliveryTuning().tickMs },
    { name: "tick", data: { task: "tick" } },
  );
}

/** Starts one BullMQ worker per queue; each processor is a thin call into lib/. */
export async function startProcessors(log: Logger): Promise<RunningProcessors> {
  const prefix = getEnv().HERALD_QUEUE_PREFIX;
  const workers = registrations().map((registration) => {
    const processor: Processor = (job, token) =>
      registration.process(job, log, token ?? randomUUID());
    const worker = new Worker(registration.queue, processor, {
      connection: workerConnection(),
      prefix,
      concurrency: registration.concurrency,
      lockDuration: deliveryTuning().jobLockMs,
      stalledInterval: deliveryTuning().jobLockMs,
    });
    worker.on("failed", (job, error) =>
      log.error({ queue: registration.queue, jobId: job?.id, err: error }, "job failed"),
    );
    worker.on("error", (error) =>
      log.error({ queue: registration.queue, err: error }, "worker error"),
    );
    return worker;
  });
  await upsertTick().catch((error: unknown) =>
    log.warn({ err: error }, "could not schedule the tick yet"),
  );
  const keepTick = setInterval(() => {
    upsertTick().catch((error: unknown) =>
      log.warn({ err: error }, "could not re-schedule the tick"),
    );
  }, 4 * deliveryTuning().tickMs);
  return {
    names: registrations().map((registration) => registration.queue),
    close: async () => {
      clearInterval(keepTick);
      // close() waits for active jobs: a SIGTERM finishes in-flight sends and records them.
      await Promise.all(workers.map((worker) => worker.close()));
      await closeTransports();
    },
  };
}
