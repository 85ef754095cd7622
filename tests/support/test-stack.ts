import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { applyMigrations } from "@/lib/db/schema-engine";
import {
  createDatabaseFromTemplate,
  createDatabaseIfMissing,
  dropDatabaseAndCopies,
  ensurePostgres,
  withDatabase,
} from "@/scripts/stack/postgres";
import { deleteKeysWithPrefix, ensureRedis } from "@/scripts/stack/redis";

/** The variables every test process needs; set by `npm test`, or made here for a bare `vitest`. */
export const stackVariables = [
  "DATABASE_URL",
  "REDIS_URL",
  "HERALD_QUEUE_PREFIX",
  "HERALD_MASTER_KEY",
  "AUTH_SECRET",
  "HERALD_TEST_ADMIN_DATABASE_URL",
  "HERALD_TEST_TEMPLATE_DATABASE",
  "NODE_ENV",
] as const;

/**
 * `npm test` prepares the database, Redis prefix and secrets before vitest
 * starts. When a developer runs vitest directly, this makes the same kind of
 * throwaway stack and returns how to remove it.
 */
export async function ensureTestStack(): Promise<() => Promise<void>> {
  if (process.env.HERALD_TEST_STACK_READY) return async () => {};
  const root = join(import.meta.dirname, "../..");
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const postgres = await ensurePostgres(join(root, ".herald"), () => {});
  const redis = await ensureRedis(join(root, ".herald"), () => {});
  const databaseName = `herald_test_${runId}`;
  await createDatabaseIfMissing(postgres.adminUrl, databaseName);
  const databaseUrl = withDatabase(postgres.adminUrl, databaseName);
  await applyMigrations(databaseUrl);
  const template = `${databaseName}_template`;
  await createDatabaseFromTemplate(postgres.adminUrl, template, databaseName);
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    HERALD_QUEUE_PREFIX: `herald-test-${runId}`,
    HERALD_MASTER_KEY: process.env.HERALD_MASTER_KEY ?? randomBytes(32).toString("base64"),
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    HERALD_TEST_ADMIN_DATABASE_URL: postgres.adminUrl,
    HERALD_TEST_TEMPLATE_DATABASE: template,
    HERALD_TEST_STACK_READY: "1",
    NODE_ENV: "test",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  });
  return async () => {
    await dropDatabaseAndCopies(postgres.adminUrl, databaseName);
    await deleteKeysWithPrefix(redis.url, `herald-test-${runId}`);
    await redis.stop();
    await postgres.stop();
  };
}
