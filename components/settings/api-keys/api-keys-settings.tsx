"use client";

import { ApiKeysTable, useApiKeys } from "./api-keys-table";
import { CreateApiKey } from "./create-api-key";
import { CurlExample } from "./curl-example";

export function ApiKeysSettings({ appId, canManage }: { appId: string; canManage: boolean }) {
  const keys = useApiKeys(appId);
  const newest = keys.data?.data.find((key) => !key.revokedAt);
  return (
    <div className="space-y-6">
      {canManage && <CreateApiKey appId={appId} />}
      <ApiKeysTable appId={appId} canManage={canManage} />
      <CurlExample appId={appId} keyPrefix={newest?.prefix ?? null} />
    </div>
  );
}
