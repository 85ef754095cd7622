// GET /api/v1/campaigns/test-send — the app's test devices · POST — send composer content to some of them now
import { z } from "zod";
import { listTestDevices } from "@/lib/campaigns/list-test-devices";
import { sendTestPush } from "@/lib/campaigns/send-test-push";
import { appRoute, created } from "@/lib/http/route";
import { notificationContentSchema } from "@/lib/push/content";

const bodySchema = z.strictObject({
  content: notificationContentSchema,
  deviceIds: z
    .array(z.string().regex(/^\d{1,19}$/, "must be a device id"))
    .min(1)
    .max(20),
  /** Shown in the device's history as "Test · <name>". */
  campaignName: z.string().trim().min(1).max(100).optional(),
});

export const GET = appRoute(
  { auth: "either", permission: "campaigns:write", scope: "send" },
  ({ app }) => listTestDevices(app.appId),
);

export const POST = appRoute(
  { auth: "either", permission: "campaigns:launch", scope: "send", body: bodySchema },
  async ({ app, body, actor }) => created(await sendTestPush(app.appId, body, actor)),
);
