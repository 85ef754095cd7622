import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { getEnv } from "@/lib/env";
import { PrismaClient } from "./generated/client";

const globalForPrisma = globalThis as unknown as {
  heraldPrisma?: PrismaClient;
  heraldPool?: pg.Pool;
};

function createPool(): pg.Pool {
  return new pg.Pool({
    connectionString: getEnv().DATABASE_URL,
    max: 10,
    // TimeZone: Prisma stores DateTime as UTC in columns without a zone; a
    // session in any other zone would shift every timestamptz the raw SQL
    // writes into them.
    // plan_cache_mode: the few named (prepared) statements, such as event
    // ingestion's, are planned once per connection; left to choose, PostgreSQL
    // kept re-planning them, which cost more than running them. Prisma's own
    // statements are unnamed and planned on each run whatever this says; the
    // queries inside our plpgsql triggers, whose inputs are transition tables
    // and jsonb, get the generic plans they would settle on anyway.
    options: "-c TimeZone=UTC -c plan_cache_mode=force_generic_plan",
  });
}

/** The process's connection pool, shared by Prisma and the few hot paths that speak SQL directly. */
export function getPool(): pg.Pool {
  globalForPrisma.heraldPool ??= createPool();
  return globalForPrisma.heraldPool;
}

/**
 * One client per process. Lazily created so importing a module never opens
 * a connection (next build imports route modules).
 */
export function getDb(): PrismaClient {
  globalForPrisma.heraldPrisma ??= new PrismaClient({
    adapter: new PrismaPg(getPool(), { disposeExternalPool: true }),
  });
  return globalForPrisma.heraldPrisma;
}

export async function disconnectDb(): Promise<void> {
  const { heraldPrisma, heraldPool } = globalForPrisma;
  globalForPrisma.heraldPrisma = undefined;
  globalForPrisma.heraldPool = undefined;
  if (heraldPrisma) await heraldPrisma.$disconnect();
  // Prisma ends the pool when it had connected; a pool it never used is ended here.
  if (heraldPool && !heraldPool.ended) await heraldPool.end();
}

export type { PrismaClient };
