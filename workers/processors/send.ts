import type { Job } from "bullmq";
import { sendBatch } from "@/lib/delivery/send-batch";
import type { Logger } from "@/lib/logger";
import { PushTransportCache } from "@/lib/push/transport-cache";
import { type SendJob, sendJobSchema } from "@/lib/queue/jobs";

// One cache per worker process, so connections and signed JWTs are shared by
// every send job; built on first use, once the environment has been read.
let transports: PushTransportCache | undefined;

export async function processSend(job: Job<SendJob>, log: Logger, runToken: string): Promise<void> {
  const data = sendJobSchema.parse(job.data);
  transports ??= new PushTransportCache();
  await sendBatch(
    {
      campaignId: data.campaignId,
      fromId: BigInt(data.fromId),
      toId: BigInt(data.toId),
      jobId: String(job.id),
      runToken,
    },
    transports,
    log,
  );
}

export async function closeTransports(): Promise<void> {
  await transports?.close();
  transports = undefined;
}
