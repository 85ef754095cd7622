// POST /api/v1/sdk/{publicId}/identify — attach this browser's device to a signed-in user (or sign out)
import { identifyDevice } from "@/lib/devices/identify-device";
import { sdkPreflight, sdkRoute } from "@/lib/http/sdk-route";
import { assertVerifiedIdentity } from "@/lib/sdk/identity-verification";
import { sdkIdentifySchema } from "@/lib/sdk/schemas";

export const POST = sdkRoute(
  { body: sdkIdentifySchema, device: "required" },
  ({ app, body, device }) => {
    if (body.externalId !== null) assertVerifiedIdentity(app, body.externalId, body.identityHash);
    return identifyDevice(app.id, device, body.externalId);
  },
);

export const OPTIONS = sdkPreflight;
