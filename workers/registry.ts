import type { Logger } from "@/lib/logger";

export interface RunningProcessors {
  names: string[];
  close(): Promise<void>;
}

/** Starts one BullMQ worker per job type; each processor is a thin call into lib/. */
export async function startProcessors(log: Logger): Promise<RunningProcessors> {
  const running: { name: string; close(): Promise<void> }[] = [];
  log.debug({ processors: running.map((entry) => entry.name) }, "processors started");
  return {
    names: running.map((entry) => entry.name),
    close: async () => {
      await Promise.all(running.map((entry) => entry.close()));
    },
  };
}
