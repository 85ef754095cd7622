import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { workerNodeFlags } from "@/lib/delivery/tuning";

const root = join(import.meta.dirname, "../..");

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * The real worker entry point in its own process, sharing this test's
 * database, queues and gateway: from source through tsx, or (`bundled`) the
 * production build made by scripts/build-workers.mjs, as benchmarks use.
 */
export function spawnWorker(
  env: Record<string, string> = {},
  options: {
    bundled?: boolean;
    /** Hands the worker's log lines (stdout) to the caller on `child.stdout`. */
    pipeStdout?: boolean;
  } = {},
): WorkerProcess {
  const profile = process.env.HERALD_PROFILE_WORKER
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.HERALD_PROFILE_WORKER}`]
    : [];
  // Node flags NODE_OPTIONS refuses (--trace-gc, …), for looking into a benchmark's worker.
  const extraFlags = process.env.HERALD_WORKER_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  const entry = options.bundled
    ? [join(root, ".herald/build/worker.mjs")]
    : ["--import", "tsx", join(root, "workers/index.ts")];
  const child = spawn(process.execPath, [...workerNodeFlags, ...profile, ...extraFlags, ...entry], {
    cwd: root,
    env: {
      ...process.env,
      HERALD_SERVICE: "worker",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      ...env,
    },
    stdio: ["ignore", options.pipeStdout ? "pipe" : "inherit", "inherit"],
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  return { child, exited, kill: (signal) => child.kill(signal) };
}
