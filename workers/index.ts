// The worker process: runs queue processors (see workers/registry.ts), serves
// its own health endpoint, and drains in-flight work on SIGTERM.
import { createServer } from "node:http";
import { disconnectDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { checkHealth } from "@/lib/health";
import { logger } from "@/lib/logger";
import { disconnectRedis } from "@/lib/redis";
import { type RunningProcessors, startProcessors } from "@/workers/registry";

const log = logger.child({ component: "worker" });

let processors: RunningProcessors | undefined;
let stopping = false;

const health = createServer(async (request, response) => {
  if (request.url !== "/health") {
    response.writeHead(404).end();
    return;
  }
  const report = await checkHealth("worker");
  response
    .writeHead(report.ok ? 200 : 503, { "content-type": "application/json" })
    .end(JSON.stringify({ ...report, processors: processors?.names ?? [] }));
});

async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "worker stopping: draining in-flight jobs");
  health.close();
  await processors?.close();
  await disconnectRedis();
  await disconnectDb();
  log.info("worker stopped");
  process.exit(0);
}

// Installed before anything starts, so a signal during boot still drains cleanly.
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));

async function main(): Promise<void> {
  getEnv();
  const started = await startProcessors(log);
  if (stopping) {
    await started.close();
    return;
  }
  processors = started;
  const healthPort = Number(process.env.HERALD_WORKER_HEALTH_PORT ?? 0);
  health.listen(healthPort, "127.0.0.1", () => {
    const address = health.address();
    log.info({ port: typeof address === "object" ? address?.port : healthPort }, "worker ready");
  });
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, "worker failed to start");
  process.exit(1);
});
