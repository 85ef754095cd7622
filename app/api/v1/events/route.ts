// POST /api/v1/events — store a batch of up to 1,000 events (purchases, push receipts, your own), all or nothing
// Over HTTP this handler is reached through pages/api/hot/v1/events.ts (a rewrite in next.config.js):
// the same wrapper at half Next's per-request cost, see lib/http/node-route.ts.
import { ingestEvents } from "@/lib/events/ingest-events";
import { ingestEventsSchema } from "@/lib/events/schemas";
import { appRoute } from "@/lib/http/route";

export const POST = appRoute(
  {
    auth: "either",
    permission: "audience:write",
    scope: "ingest",
    body: ingestEventsSchema,
    // Ingestion is the hot path: its own bucket, sized for thousands of calls a second per key.
    rateLimit: { limit: 300_000, windowSeconds: 60 },
    maxBodyBytes: 2 * 1024 * 1024,
  },
  ({ app, body }) => ingestEvents(app.appId, body),
);
