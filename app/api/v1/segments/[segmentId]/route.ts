// GET|PATCH|DELETE /api/v1/segments/{segmentId} — a segment with who uses it, change it, or delete it (409 while in use)
import { appRoute } from "@/lib/http/route";
import { deleteSegment } from "@/lib/segments/delete-segment";
import { getSegment } from "@/lib/segments/get-segment";
import { updateSegmentSchema } from "@/lib/segments/schemas";
import { updateSegment } from "@/lib/segments/update-segment";

export const GET = appRoute(
  { auth: "either", permission: "audience:read", scope: "read" },
  ({ app, params }) => getSegment(app.appId, params.segmentId ?? ""),
);

export const PATCH = appRoute(
  { auth: "either", permission: "audience:write", scope: "admin", body: updateSegmentSchema },
  ({ app, params, body, actor }) => updateSegment(app.appId, params.segmentId ?? "", body, actor),
);

export const DELETE = appRoute(
  { auth: "either", permission: "audience:write", scope: "admin" },
  ({ app, params, actor }) => deleteSegment(app.appId, params.segmentId ?? "", actor),
);
