// Global setup of the e2e project: Herald's real web server (workers/web-server.ts) over the test stack.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync } from "node:fs";
import { dirname, join } from "node:path";
import type { TestProject } from "vitest/node";
import { isBuildCurrent, markBuild, sourceDigest } from "@/scripts/stack/build";
import { findFreePort } from "@/scripts/stack/net";
import { webServerLaunch } from "@/scripts/stack/processes";
import { startTestGateway } from "./gateway";
import { ensureTestStack, stackVariables } from "./test-stack";
import { spawnWorker } from "./worker-process";

declare module "vitest" {
  export interface ProvidedContext {
    heraldBaseUrl: string;
    /** The push gateway the e2e server and worker send into, for tests to mint subscriptions and read messages. */
    heraldGateway: { url: string; controlToken: string; ca: string };
  }
}

const root = join(import.meta.dirname, "../..");
// HERALD_E2E_DIST_DIR (e.g. `.herald/next-e2e`) gives one checkout's run its own build, so
// engineers running e2e side by side in one working tree do not rebuild under each other's server.
const distDir = process.env.HERALD_E2E_DIST_DIR || ".next-test";
const bin = (name: string) => join(root, "node_modules/.bin", name);
const serverLogPath = join(root, "test-results", "e2e-web-server.log");

/** This process's environment (the stack's variables included), minus vitest's own markers. */
function stackEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^_*VITEST/i.test(name)) env[name] = value;
  }
  return { ...env, HERALD_NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" };
}

/**
 * `npm test` has built already and marked the build with its source digest
 * (scripts/stack/build.ts), so this is a no-op there. A bare `vitest` builds
 * when there is no build or the sources changed since the last one, so a
 * browser test never passes against yesterday's code.
 */
function buildIfNeeded(): void {
  const isBuilt = existsSync(join(root, distDir, "BUILD_ID"));
  const digest = sourceDigest(root);
  if (isBuilt && isBuildCurrent(root, distDir, digest)) return;
  console.log(`[e2e] building Next into ${distDir}…`);
  const result = spawnSync(bin("next"), ["build"], {
    cwd: root,
    env: { ...stackEnv(), NODE_ENV: "production" },
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  markBuild(root, distDir, digest);
}

/** The web server's bundle, made afresh each run (esbuild takes well under a second). */
function buildWebServer(): void {
  const result = spawnSync(process.execPath, ["scripts/build-workers.mjs"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`the server bundle failed (exit ${result.status})`);
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`the web server exited (code ${server.exitCode})`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** Kills the server's whole process group: killing only the parent leaves the port taken. */
async function stopServer(server: ChildProcess): Promise<void> {
  const pid = server.pid;
  if (pid === undefined || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 5_000)),
  ]);
  if (timedOut) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {}
  }
}

export interface TestWebServer {
  baseUrl: string;
  child: ChildProcess;
}

/**
 * Herald's web server over the e2e build, on a free port in its own process
 * group, with this process's stack and `env`; resolves once /api/health answers.
 */
export async function startWebServer(
  env: Record<string, string>,
  logPath: string,
): Promise<TestWebServer> {
  mkdirSync(dirname(logPath), { recursive: true });
  const port = await findFreePort(3100 + Math.floor(Math.random() * 400));
  const baseUrl = `http://localhost:${port}`;
  const web = webServerLaunch(port);
  const child = spawn(web.command, web.args, {
    cwd: root,
    env: {
      ...stackEnv(),
      ...env,
      ...web.env,
      HERALD_PUBLIC_URL: baseUrl,
      NEXTAUTH_URL: baseUrl,
    },
    detached: true,
    // pino writes to stdout: kept in a file so a 500 seen by a browser test can be explained.
    stdio: ["ignore", openSync(logPath, "w"), "inherit"],
  });
  try {
    await waitForHealth(`${baseUrl}/api/health`, child, 60_000);
  } catch (error) {
    await stopServer(child);
    throw error;
  }
  return { baseUrl, child };
}

export default async function setup(project: TestProject) {
  const teardownStack = await ensureTestStack();
  buildIfNeeded();
  buildWebServer();
  // Campaigns launched in the browser really send: a worker process delivers into a local gateway.
  const gateway = await startTestGateway();
  const gatewayEnv = {
    HERALD_PUSH_GATEWAY_URL: gateway.gateway.url,
    HERALD_PUSH_GATEWAY_CA_FILE: gateway.gateway.caFile,
    // Its own queues: this worker must not take jobs integration tests enqueue meanwhile.
    HERALD_QUEUE_PREFIX: `${process.env.HERALD_QUEUE_PREFIX ?? "herald-test"}-e2e`,
  };
  const worker = spawnWorker({ ...gatewayEnv, HERALD_TICK_MS: "1000" });
  const stopDelivery = async () => {
    if (worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.kill("SIGTERM");
      await worker.exited;
    }
    await gateway.stop();
  };
  let server: TestWebServer;
  try {
    server = await startWebServer(gatewayEnv, serverLogPath);
  } catch (error) {
    await stopDelivery();
    await teardownStack();
    throw error;
  }
  const { baseUrl } = server;
  console.log(`[e2e] web server on ${baseUrl}; its log: ${serverLogPath}`);
  // If vitest dies without running teardown, still take the server down with it.
  const killOnExit = () => {
    try {
      if (server.child.pid !== undefined && server.child.exitCode === null)
        process.kill(-server.child.pid, "SIGKILL");
    } catch {}
    if (worker.child.exitCode === null) worker.kill("SIGKILL");
  };
  process.once("exit", killOnExit);
  project.provide("heraldBaseUrl", baseUrl);
  project.provide("heraldGateway", {
    url: gateway.gateway.url,
    controlToken: gateway.gateway.controlToken,
    ca: gateway.gateway.caPem,
  });
  // The same variables global-setup.ts hands to test workers, in case this setup ran alone.
  const heraldEnv: Record<string, string> = {};
  for (const name of [...stackVariables, "LOG_LEVEL", "CHROMIUM_PATH"]) {
    const value = process.env[name];
    if (value !== undefined) heraldEnv[name] = value;
  }
  heraldEnv.HERALD_QUEUE_PREFIX = gatewayEnv.HERALD_QUEUE_PREFIX;
  project.provide("heraldEnv", heraldEnv);
  return async () => {
    process.off("exit", killOnExit);
    await stopServer(server.child);
    await stopDelivery();
    await teardownStack();
  };
}
