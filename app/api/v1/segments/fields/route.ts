// GET /api/v1/segments/fields — attribute names with types, event names with properties, common tags and profile values
import { appRoute } from "@/lib/http/route";
import { discoverSegmentFields } from "@/lib/segments/discover-fields";
import { segmentFieldsQuerySchema } from "@/lib/segments/schemas";

export const GET = appRoute(
  { auth: "either", permission: "audience:read", scope: "read", query: segmentFieldsQuerySchema },
  ({ app }) => discoverSegmentFields(app.appId),
);
