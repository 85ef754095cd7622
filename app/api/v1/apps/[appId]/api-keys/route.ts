// GET /api/v1/apps/{appId}/api-keys — keys (prefix only) · POST — create a key, shown once
import { createApiKey, listApiKeys } from "@/lib/api-keys/api-keys";
import { assertScopesGrantable } from "@/lib/api-keys/assert-scopes-grantable";
import { createApiKeySchema } from "@/lib/api-keys/schemas";
import { appRoute, created } from "@/lib/http/route";

export const GET = appRoute({ auth: "session", permission: "api_keys:read" }, async ({ app }) => ({
  data: await listApiKeys(app.appId),
}));

export const POST = appRoute(
  { auth: "session", permission: "api_keys:manage", body: createApiKeySchema },
  async ({ app, body, actor }) => {
    assertScopesGrantable(app.role, body.scopes);
    return created(await createApiKey(app.appId, body, actor));
  },
);
