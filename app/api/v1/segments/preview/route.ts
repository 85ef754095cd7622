// POST /api/v1/segments/preview — count (by platform) and sample an unsaved definition (the builder's live count) or a saved segment
import { appRoute } from "@/lib/http/route";
import { previewSegment } from "@/lib/segments/preview-segment";
import { previewSegmentSchema } from "@/lib/segments/schemas";

export const POST = appRoute(
  {
    auth: "either",
    permission: "audience:read",
    scope: "read",
    body: previewSegmentSchema,
    // The builder asks again after each pause in typing.
    rateLimit: { limit: 120, windowSeconds: 60 },
  },
  ({ app, body }) => previewSegment(app.appId, body),
);
