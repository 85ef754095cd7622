// GET /api/v1/apps/{appId}/audit-log — who changed what, newest first, cursor-paged
import { z } from "zod";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { appRoute } from "@/lib/http/route";

const querySchema = z.strictObject({
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  appId: z.string().optional(),
});

export const GET = appRoute(
  { auth: "session", permission: "audit:read", query: querySchema },
  ({ app, query }) => listAuditLog(app.appId, query),
);
