// POST /api/v1/campaigns/audience-estimate — how many active devices an audience reaches today (for the composer and the launch confirmation)
import { z } from "zod";
import { audienceSchema } from "@/lib/campaigns/audience";
import { estimateAudience } from "@/lib/campaigns/estimate-audience";
import { appRoute } from "@/lib/http/route";

const bodySchema = z.strictObject({
  audience: audienceSchema,
  topicId: z.string().min(1).nullable().optional(),
});

export const POST = appRoute(
  { auth: "either", permission: "campaigns:read", scope: "read", body: bodySchema },
  ({ app, body }) => estimateAudience(app.appId, body.audience, body.topicId ?? null),
);
