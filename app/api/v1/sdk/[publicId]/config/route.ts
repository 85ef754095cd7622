// GET /api/v1/sdk/{publicId}/config — the web SDK's VAPID key, soft-ask settings and topics
import { sdkPreflight, sdkRoute } from "@/lib/http/sdk-route";
import { getSdkConfig } from "@/lib/sdk/get-sdk-config";

export const GET = sdkRoute({}, ({ app }) => getSdkConfig(app));

export const OPTIONS = sdkPreflight;
