// GET /api/v1/segments — segments, newest first, cursor-paged · POST — create a segment
import { appRoute, created } from "@/lib/http/route";
import { createSegment } from "@/lib/segments/create-segment";
import { listSegments } from "@/lib/segments/list-segments";
import { createSegmentSchema, listSegmentsQuerySchema } from "@/lib/segments/schemas";

export const GET = appRoute(
  { auth: "either", permission: "audience:read", scope: "read", query: listSegmentsQuerySchema },
  ({ app, query }) => listSegments(app.appId, query),
);

export const POST = appRoute(
  { auth: "either", permission: "audience:write", scope: "admin", body: createSegmentSchema },
  async ({ app, body, actor }) => created(await createSegment(app.appId, body, actor)),
);
