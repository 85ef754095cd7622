// Herald's web app as one process: Next serves the dashboard and the API,
// except the hot endpoints (lib/http/hot-routes.ts), which this server hands
// to their route wrappers directly. On two cores Next's routing cost more
// CPU per event than storing it; the wrappers, the handlers and the answers
// are the same either way. Started with NODE_ENV=production and PORT.
// First, as `next start` does: it sets up what Next's modules expect of the
// process (AsyncLocalStorage on globalThis, …), and the hot routes import them.
import "next/dist/server/node-environment.js";
import { createServer } from "node:http";
import next from "next";
import { hotRouteFor } from "@/lib/http/hot-routes";

const shutdownGraceMs = 10_000;

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
  const handleWithNext = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    const hot = hotRouteFor(req.url ?? "/");
    void (hot ? hot(req, res) : handleWithNext(req, res));
  });
  server.listen(port, () => {
    console.log(`Herald web listening on http://localhost:${port}`);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Requests under way are answered (an accepted event is stored first); then the process ends.
    setTimeout(() => process.exit(0), shutdownGraceMs).unref();
    server.close(() => {
      void app.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(
    `web server failed to start: ${error instanceof Error ? error.stack : String(error)}`,
  );
  process.exit(1);
});
