"use client";

import type { ApiKeyScope } from "@/lib/auth/permissions";
import { ApiKeysTable, useApiKeys } from "./api-keys-table";
import { CreateApiKey } from "./create-api-key";
import { CurlExample } from "./curl-example";

export function ApiKeysSettings({
  appId,
  canManage,
  grantableScopes,
}: {
  appId: string;
  canManage: boolean;
  grantableScopes: readonly ApiKeyScope[];
}) {
  const keys = useApiKeys(appId);
  const newest = keys.data?.data.find((key) => !key.revokedAt);
  return (
    <div className="space-y-6">
      {canManage && <CreateApiKey appId={appId} grantable={grantableScopes} />}
      <ApiKeysTable appId={appId} canManage={canManage} />
      <CurlExample appId={appId} keyPrefix={newest?.prefix ?? null} />
    </div>
  );
}
