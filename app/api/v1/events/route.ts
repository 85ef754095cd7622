// POST /api/v1/events — store a batch of up to 1,000 events (purchases, push receipts, your own), all or nothing
// Over HTTP, Herald's web server hands this handler the request without Next's routing
// (lib/http/hot-routes.ts): the same wrapper at a third of the CPU per request.
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
