// DELETE /api/v1/apps/{appId}/api-keys/{keyId} — revoke a key (it stops working at once)
import { revokeApiKey } from "@/lib/api-keys/api-keys";
import { appRoute } from "@/lib/http/route";

export const DELETE = appRoute(
  { auth: "session", permission: "api_keys:manage" },
  ({ app, params, actor }) => revokeApiKey(app.appId, params.keyId ?? "", actor),
);
