// The launcher behind `npm start` and `npm test` (see scripts/herald.mjs):
// finds or starts PostgreSQL and Redis, migrates, seeds, builds, and then
// either runs Herald or runs the whole test suite against a throwaway database.
import { randomBytes } from "node:crypto";
import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { workerNodeFlags } from "../../lib/delivery/tuning";
import { isBuildCurrent, markBuild, sourceDigest } from "./build";
import { ensureChromium } from "./chromium";
import { findFreePort, isListening } from "./net";
import {
  createDatabaseFromTemplate,
  createDatabaseIfMissing,
  databaseOf,
  dropDatabaseAndCopies,
  ensurePostgres,
  withDatabase,
} from "./postgres";
import { type ManagedProcess, run, StepFailed, startProcess, webServerLaunch } from "./processes";
import { checkEvictionPolicy, deleteKeysWithPrefix, ensureRedis } from "./redis";
import { loadOrCreateLocalSecrets } from "./secrets";

const root = join(import.meta.dirname, "../..");
const stateDir = join(root, ".herald");
const bin = (name: string) => join(root, "node_modules/.bin", name);
const say = (line: string) => console.log(`[herald] ${line}`);

const cleanups: (() => Promise<void>)[] = [];
let shuttingDown = false;

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
  process.exit(code);
}

let firstSignalAt = 0;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    // A terminal's Ctrl-C reaches this process twice (directly, and forwarded by
    // scripts/herald.mjs): the echo must not cut the orderly stop short and leave
    // the detached worker, gateway and simulator running. A later signal still forces exit.
    if (shuttingDown && Date.now() - firstSignalAt < 2_000) return;
    if (!shuttingDown) {
      firstSignalAt = Date.now();
      say("Stopping…");
    }
    void shutdown(signal === "SIGINT" ? 130 : 143);
  });
}

async function bringUpServices(databaseName: string) {
  const postgres = await ensurePostgres(stateDir, say);
  cleanups.push(postgres.stop);
  const redis = await ensureRedis(stateDir, say);
  cleanups.push(redis.stop);
  const warning = await checkEvictionPolicy(redis.url);
  if (warning) say(`WARNING: ${warning}`);
  const databaseUrl =
    process.env.DATABASE_URL && databaseName === databaseOf(process.env.DATABASE_URL)
      ? process.env.DATABASE_URL
      : withDatabase(postgres.adminUrl, databaseName);
  await createDatabaseIfMissing(postgres.adminUrl, databaseName);
  say(`PostgreSQL: ${postgres.origin}, database ${databaseName}`);
  say(`Redis: ${redis.origin}`);
  return { postgres, redis, databaseUrl };
}

function generateClient(env: NodeJS.ProcessEnv): void {
  const generated = join(root, "lib/db/generated/client.ts");
  const schema = join(root, "prisma/schema.prisma");
  if (existsSync(generated) && statSync(generated).mtimeMs >= statSync(schema).mtimeMs) return;
  // `prisma generate` only needs the schema engine binary to exist, not to run;
  // pointing it at a placeholder stops it from downloading one.
  const placeholder = join(stateDir, "no-schema-engine");
  writeFileSync(placeholder, "");
  run("prisma generate", bin("prisma"), ["generate"], {
    cwd: root,
    env: { ...env, PRISMA_SCHEMA_ENGINE_BINARY: placeholder, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const secrets = loadOrCreateLocalSecrets(join(stateDir, "local.env"));
  return {
    ...process.env,
    HERALD_MASTER_KEY: process.env.HERALD_MASTER_KEY ?? secrets.HERALD_MASTER_KEY,
    AUTH_SECRET: process.env.AUTH_SECRET ?? secrets.AUTH_SECRET,
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  };
}

async function start(): Promise<void> {
  const startedAt = Date.now();
  const { databaseUrl, redis } = await bringUpServices(
    process.env.DATABASE_URL ? databaseOf(process.env.DATABASE_URL) : "herald",
  );
  const port = Number(process.env.PORT ?? (await findFreePort(3000)));
  const publicUrl = process.env.HERALD_PUBLIC_URL ?? `http://localhost:${port}`;
  const env = baseEnv({
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    HERALD_PUBLIC_URL: publicUrl,
    NEXTAUTH_URL: publicUrl,
    HERALD_QUEUE_PREFIX: process.env.HERALD_QUEUE_PREFIX ?? "herald",
    PORT: String(port),
  });
  generateClient(env);
  run("migrations", bin("tsx"), ["scripts/db.ts", "migrate"], { cwd: root, env });
  run("worker build", process.execPath, ["scripts/build-workers.mjs"], { cwd: root, env });

  const processes: ManagedProcess[] = [];
  cleanups.push(async () => {
    for (const managed of processes.reverse()) await managed.stop();
  });
  const onExit = (name: string) => (code: number | null) => {
    if (!shuttingDown) {
      say(`${name} exited (code ${code}); stopping Herald`);
      void shutdown(1);
    }
  };
  const gateway = await startGateway(env, processes, onExit("push gateway"));
  Object.assign(env, gateway);
  run("demo workspace", bin("tsx"), ["prisma/seed.ts"], { cwd: root, env });

  const digest = sourceDigest(root);
  if (isBuildCurrent(root, ".next", digest)) {
    say("Web app build is current");
  } else {
    run("next build", bin("next"), ["build"], { cwd: root, env });
    markBuild(root, ".next", digest);
  }

  processes.push(
    startProcess("worker", process.execPath, [...workerNodeFlags, ".herald/build/worker.mjs"], {
      cwd: root,
      env: { ...env, HERALD_SERVICE: "worker" },
      onExit: onExit("worker"),
    }),
  );
  const web = webServerLaunch(port);
  processes.push(
    startProcess("web", web.command, web.args, {
      cwd: root,
      env: { ...env, ...web.env },
      quiet: true,
      onExit: onExit("web"),
    }),
  );
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, 60_000);
  if (env.HERALD_DEMO_MODE === "true" && existsSync(join(stateDir, "demo-simulator.json"))) {
    // Live demo traffic through the public API; Herald runs on without it if it stops.
    processes.push(
      startProcess("demo simulator", process.execPath, [".herald/build/demo-simulator.mjs"], {
        cwd: root,
        env: {
          ...env,
          HERALD_SERVICE: "demo-simulator",
          LOG_LEVEL: process.env.HERALD_SIMULATOR_LOG_LEVEL ?? "warn",
        },
        onExit: (code) =>
          say(`demo simulator exited (code ${code}); the demo runs on without live traffic`),
      }),
    );
  }
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(`
  Herald is running (ready in ${seconds} s)

    Dashboard   ${publicUrl}
    Demo login  demo@herald.local / herald-demo

  Press Ctrl-C to stop.
`);
  await new Promise(() => {});
}

/**
 * The local push gateway stands in for Apple, Google and browser push
 * services for the demo app (HERALD_PUSH_GATEWAY_SCOPE=demo): its sends go
 * out and come back without the internet, while any app with real
 * credentials talks to the real services. Its port is kept stable because
 * the demo's device addresses and FCM token URL name it.
 */
async function startGateway(
  env: NodeJS.ProcessEnv,
  processes: ManagedProcess[],
  onExit: (code: number | null) => void,
): Promise<Record<string, string>> {
  const gatewayStateDir = join(stateDir, "gateway");
  const preferred = Number(process.env.HERALD_GATEWAY_PORT ?? 4443);
  const port = await findFreePort(preferred);
  if (port !== preferred) {
    say(
      `Port ${preferred} is taken; the push gateway uses ${port} (demo devices seeded earlier name ${preferred})`,
    );
  }
  processes.push(
    startProcess(
      "push gateway",
      process.execPath,
      [".herald/build/push-gateway.mjs", "--port", String(port), "--state-dir", gatewayStateDir],
      {
        cwd: root,
        // The demo simulator reads accepted pushes back from the message log: keep enough of it.
        env: { ...env, HERALD_SERVICE: "push-gateway", HERALD_GATEWAY_MESSAGE_LOG_SIZE: "20000" },
        quiet: true,
        onExit,
      },
    ),
  );
  const caFile = join(gatewayStateDir, "ca.pem");
  await waitFor(
    async () => existsSync(caFile) && (await isListening("127.0.0.1", port)),
    20_000,
    "the push gateway",
  );
  return {
    HERALD_PUSH_GATEWAY_URL: `https://127.0.0.1:${port}`,
    HERALD_PUSH_GATEWAY_CA_FILE: caFile,
    HERALD_PUSH_GATEWAY_SCOPE: "demo",
    HERALD_GATEWAY_STATE_DIR: gatewayStateDir,
    HERALD_DEMO_MODE: "true",
  };
}

async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not start within ${timeoutMs / 1000} s`);
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** A throwaway database and Redis prefix for one test run, removed at the end; the env to run tests with. */
async function prepareTestRun(): Promise<NodeJS.ProcessEnv> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const databaseName = `herald_test_${runId}`;
  const queuePrefix = `herald-test-${runId}`;
  const { postgres, redis, databaseUrl } = await bringUpServices(databaseName);
  // Only what this run created is removed: the services may be shared.
  cleanups.push(async () => {
    if (process.env.HERALD_KEEP_TEST_DATABASE) return say(`kept database ${databaseName}`);
    await dropDatabaseAndCopies(postgres.adminUrl, databaseName);
    await deleteKeysWithPrefix(redis.url, queuePrefix);
  });
  const env = baseEnv({
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    HERALD_TEST_ADMIN_DATABASE_URL: postgres.adminUrl,
    REDIS_URL: redis.url,
    HERALD_QUEUE_PREFIX: queuePrefix,
    HERALD_NEXT_DIST_DIR: ".next-test",
    HERALD_TEST_STACK_READY: "1",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  });
  generateClient(env);
  run("migrations", bin("tsx"), ["scripts/db.ts", "migrate"], { cwd: root, env });
  // Test files that run workers get a copy each (tests/support/delivery.ts).
  const template = `${databaseName}_template`;
  await createDatabaseFromTemplate(postgres.adminUrl, template, databaseName);
  return { ...env, HERALD_TEST_TEMPLATE_DATABASE: template };
}

async function test(vitestArgs: string[]): Promise<void> {
  const startedAt = Date.now();
  const env = await prepareTestRun();
  env.CHROMIUM_PATH = ensureChromium(say);
  run("typecheck", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"], { cwd: root, env });
  run("lint", bin("biome"), ["check", "."], { cwd: root, env });
  const digest = sourceDigest(root);
  if (!isBuildCurrent(root, ".next-test", digest)) {
    run("next build", bin("next"), ["build"], { cwd: root, env });
    markBuild(root, ".next-test", digest);
  }
  run("test suite", bin("vitest"), ["run", ...vitestArgs], { cwd: root, env });
  say(`All green in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
}

/**
 * `npm run test:faults`: the long fault tests (vitest.faults.config.ts) on the
 * same kind of throwaway stack. They drive the worker and the gateway, not
 * the web app, so no browser, typecheck, lint or next build.
 */
async function testFaults(vitestArgs: string[]): Promise<void> {
  const startedAt = Date.now();
  const env = await prepareTestRun();
  run("fault tests", bin("vitest"), ["run", "--config", "vitest.faults.config.ts", ...vitestArgs], {
    cwd: root,
    env,
  });
  say(`All green in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
}

const [command = "start", ...rest] = process.argv.slice(2);
try {
  if (command === "start") await start();
  else if (command === "test") await test(rest);
  else if (command === "test:faults") await testFaults(rest);
  else throw new Error(`Unknown command ${command}; use start, test or test:faults`);
  await shutdown(0);
} catch (error) {
  if (error instanceof StepFailed) say(`✗ ${error.message}`);
  else say(`✗ ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(error instanceof StepFailed ? error.exitCode : 1);
}
