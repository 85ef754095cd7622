// POST /api/v1/devices — register a device (re-registering a known token or endpoint updates it)
import { registerDevice } from "@/lib/devices/register-device";
import { registerDeviceSchema } from "@/lib/devices/schemas";
import { appRoute, created } from "@/lib/http/route";

export const POST = appRoute(
  { auth: "either", permission: "audience:write", scope: "ingest", body: registerDeviceSchema },
  async ({ app, body }) => {
    const device = await registerDevice(app.appId, body);
    return device.created ? created(device) : device;
  },
);
