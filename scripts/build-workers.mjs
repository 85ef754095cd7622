// Bundles the worker, the push gateway and the web server into plain ESM for production:
// no TypeScript loader thread at run time, so each process starts faster and
// uses about 60 MB less memory. Dependencies stay external (node_modules).

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

await build({
  entryPoints: {
    worker: join(root, "workers/index.ts"),
    "push-gateway": join(root, "workers/push-gateway.ts"),
    "demo-simulator": join(root, "workers/demo-simulator.ts"),
    "web-server": join(root, "workers/web-server.ts"),
  },
  outdir: join(root, ".herald/build"),
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  // next has no "exports" map, so Node's ESM loader needs the file's own name.
  alias: { "next/server": "next/server.js" },
  sourcemap: true,
  logLevel: "warning",
  tsconfig: join(root, "tsconfig.json"),
});
