import { PrismaPg } from "@prisma/adapter-pg";
import { getEnv } from "@/lib/env";
import { PrismaClient } from "./generated/client";

const globalForPrisma = globalThis as unknown as { heraldPrisma?: PrismaClient };

function createClient(): PrismaClient {
  // Prisma stores DateTime as UTC in columns without a zone; a session in any
  // other zone would shift every timestamptz the raw SQL writes into them.
  const adapter = new PrismaPg({
    connectionString: getEnv().DATABASE_URL,
    max: 10,
    options: "-c TimeZone=UTC",
  });
  return new PrismaClient({ adapter });
}

/**
 * One client per process. Lazily created so importing a module never opens
 * a connection (next build imports route modules).
 */
export function getDb(): PrismaClient {
  globalForPrisma.heraldPrisma ??= createClient();
  return globalForPrisma.heraldPrisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.heraldPrisma?.$disconnect();
  globalForPrisma.heraldPrisma = undefined;
}

export type { PrismaClient };
