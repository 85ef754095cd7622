// GET|PATCH|DELETE /api/v1/devices/{deviceId} — read a device, mark it a test device, or opt it out
import { getDevice } from "@/lib/devices/get-device";
import { optOutDevice } from "@/lib/devices/opt-out-device";
import { updateDeviceSchema } from "@/lib/devices/schemas";
import { setTestDevice } from "@/lib/devices/set-test-device";
import { appRoute } from "@/lib/http/route";

export const GET = appRoute(
  { auth: "either", permission: "audience:read", scope: "read" },
  ({ app, params }) => getDevice(app.appId, params.deviceId ?? ""),
);

export const PATCH = appRoute(
  { auth: "either", permission: "audience:write", scope: "ingest", body: updateDeviceSchema },
  ({ app, params, body, actor }) =>
    setTestDevice(app.appId, params.deviceId ?? "", body.isTestDevice, actor),
);

export const DELETE = appRoute(
  { auth: "either", permission: "audience:write", scope: "ingest" },
  ({ app, params }) => optOutDevice(app.appId, params.deviceId ?? ""),
);
