import { defineConfig } from "prisma/config";

// The CLI reads the connection from here; the app itself connects through
// the node-postgres driver adapter (lib/db/client.ts).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/herald" },
});
