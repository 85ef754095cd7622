// GET /api/v1/campaigns/test-send — the app's test devices · POST — send composer content to some of them now
import { testSendSchema } from "@/lib/campaigns/api-schemas";
import { listTestDevices } from "@/lib/campaigns/list-test-devices";
import { sendTestPush } from "@/lib/campaigns/send-test-push";
import { appRoute, created } from "@/lib/http/route";

export const GET = appRoute(
  { auth: "either", permission: "campaigns:write", scope: "send" },
  ({ app }) => listTestDevices(app.appId),
);

export const POST = appRoute(
  { auth: "either", permission: "campaigns:launch", scope: "send", body: testSendSchema },
  async ({ app, body, actor }) => created(await sendTestPush(app.appId, body, actor)),
);
