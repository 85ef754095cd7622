import { type ChildProcess, spawn, spawnSync } from "node:child_process";

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a long-running child in its own process group, so stopping it takes
 * its children too (npx → next → workers) and a terminal Ctrl-C reaches the
 * launcher first, which then stops everything in order.
 */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: {
    env: NodeJS.ProcessEnv;
    cwd: string;
    quiet?: boolean;
    onExit?: (code: number | null) => void;
  },
): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: options.quiet ? ["ignore", "ignore", "inherit"] : ["ignore", "inherit", "inherit"],
  });
  let exited = false;
  child.on("exit", (code) => {
    exited = true;
    options.onExit?.(code);
  });
  return {
    name,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited || child.pid === undefined) return resolve();
        const pid = child.pid;
        const timer = setTimeout(() => {
          try {
            process.kill(-pid, "SIGKILL");
          } catch {}
          resolve();
        }, 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        try {
          process.kill(-pid, "SIGTERM");
        } catch {
          clearTimeout(timer);
          resolve();
        }
      }),
  };
}

/**
 * How Herald's web server is started (bundled by scripts/build-workers.mjs,
 * from the project root): its command, arguments, and the variables it needs
 * besides the stack's.
 */
export function webServerLaunch(port: number): {
  command: string;
  args: string[];
  env: { NODE_ENV: "production"; PORT: string; HERALD_SERVICE: string };
} {
  return {
    command: process.execPath,
    args: [".herald/build/web-server.mjs"],
    env: { NODE_ENV: "production", PORT: String(port), HERALD_SERVICE: "web" },
  };
}

/** Runs a command to completion, inheriting output; throws with its name when it fails. */
export function run(
  label: string,
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string },
): void {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env, stdio: "inherit" });
  if (result.status !== 0) {
    throw new StepFailed(label, result.status ?? 1);
  }
  console.log(`✓ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

export class StepFailed extends Error {
  constructor(
    readonly step: string,
    readonly exitCode: number,
  ) {
    super(`${step} failed (exit ${exitCode})`);
  }
}
