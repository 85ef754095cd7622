import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

// Prisma's CLI downloads a native schema engine for `migrate`, which cannot
// happen offline. The same engine ships as WebAssembly on npm; it keeps
// Prisma's `_prisma_migrations` table, so `prisma migrate deploy` stays valid
// wherever the native engine is available.

const require = createRequire(import.meta.url);
const noFilters = { externalTables: [], externalEnums: [] };

export const projectRoot = resolve(dirname(new URL(import.meta.url).pathname), "../..");
export const schemaPath = join(projectRoot, "prisma/schema.prisma");
export const migrationsDir = join(projectRoot, "prisma/migrations");
/** The schema as of the newest migration: the base the next migration is diffed from. */
export const migratedSchemaPath = join(projectRoot, "prisma/schema.migrated.prisma");

interface WasmExports {
  __wbindgen_start?: () => void;
}

let wasmReady: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const wasmFile = join(
      dirname(require.resolve("@prisma/schema-engine-wasm")),
      "schema_engine_bg.wasm",
    );
    const module = await WebAssembly.compile(readFileSync(wasmFile));
    const instance = await WebAssembly.instantiate(module, {
      "./schema_engine_bg.js": engineBindings as unknown as WebAssembly.ModuleImports,
    });
    const bindings = engineBindings as unknown as { __wbg_set_wasm(exports: unknown): void };
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as WasmExports).__wbindgen_start?.();
  })();
  return wasmReady;
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

// adapter-pg runs a migration script by splitting it on ";", which breaks
// dollar-quoted function bodies (our triggers). Sending the script whole, as
// the native engine does, also runs it as one implicit transaction.
function sendScriptsWhole(adapter: PgAdapter): PgAdapter {
  const withErrorMapping = adapter as unknown as { onError(error: unknown): never };
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      withErrorMapping.onError(error);
    }
  };
  return adapter;
}

async function openEngine(databaseUrl: string, schema: string) {
  await loadWasm();
  const pg = new PrismaPg({ connectionString: databaseUrl });
  const factory = {
    provider: "postgres" as const,
    adapterName: pg.adapterName,
    connect: async () => sendScriptsWhole(await pg.connect()),
    connectToShadowDb: async () => sendScriptsWhole(await pg.connectToShadowDb()),
  };
  return engineBindings.SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
}

function readMigrationsList() {
  const directories = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: {
          tag: "ok" as const,
          value: readFileSync(join(migrationsDir, name, "migration.sql"), "utf8"),
        },
      },
    })),
  };
}

/**
 * Whether every migration on disk is recorded as finished. Checked with a
 * plain query first because compiling the wasm engine costs seconds.
 */
async function isUpToDate(databaseUrl: string, names: string[]): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query("select to_regclass('_prisma_migrations') as name");
    if (!table.rows[0]?.name) return false;
    const { rows } = await client.query<{
      migration_name: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>("select migration_name, finished_at, rolled_back_at from _prisma_migrations");
    const finished = new Set(
      rows.filter((row) => row.finished_at && !row.rolled_back_at).map((row) => row.migration_name),
    );
    const hasFailed = rows.some((row) => !row.finished_at && !row.rolled_back_at);
    return !hasFailed && names.every((name) => finished.has(name));
  } finally {
    await client.end();
  }
}

/** Applies every pending migration in prisma/migrations; returns the names applied. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const migrationsList = readMigrationsList();
  if (
    await isUpToDate(
      databaseUrl,
      migrationsList.migrationDirectories.map((entry) => entry.path),
    )
  ) {
    return [];
  }
  const engine = await openEngine(databaseUrl, readFileSync(schemaPath, "utf8"));
  try {
    const result = await engine.applyMigrations({
      migrationsList,
      filters: noFilters,
    });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** SQL that takes a database from the last migrated schema to prisma/schema.prisma. */
export async function diffSchemaSinceLastMigration(databaseUrl: string): Promise<string> {
  const current = readFileSync(schemaPath, "utf8");
  const previous = existsSync(migratedSchemaPath) ? readFileSync(migratedSchemaPath, "utf8") : null;
  const engine = await openEngine(databaseUrl, current);
  try {
    const result = await engine.diff({
      from: previous
        ? { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: previous }] }
        : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: current }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}
