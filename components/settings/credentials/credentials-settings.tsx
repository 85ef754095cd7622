"use client";

import { useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/card";
import { LoadingRows } from "@/components/ui/skeleton";
import { api } from "@/lib/api-client";
import type { CredentialDto } from "@/lib/credentials/credentials";
import type { Platform } from "@/lib/db/generated/enums";
import { QueryError, settingsKeys } from "../api-state";
import { AndroidCredentialCard } from "./android-credential-card";
import { IosCredentialCard } from "./ios-credential-card";
import { WebCredentialCard } from "./web-credential-card";

const missing = (platform: Platform): CredentialDto => ({
  platform,
  configured: false,
  details: {},
  status: "missing",
  failureReason: null,
  updatedAt: null,
});

export function CredentialsSettings({ appId, canManage }: { appId: string; canManage: boolean }) {
  const query = useQuery({
    queryKey: settingsKeys.credentials(appId),
    queryFn: () => api<{ data: CredentialDto[] }>(`/api/v1/apps/${appId}/credentials`),
  });
  if (query.isPending) {
    return (
      <div className="space-y-6">
        {["web", "ios", "android"].map((platform) => (
          <Card key={platform}>
            <LoadingRows rows={3} label="Loading credentials…" />
          </Card>
        ))}
      </div>
    );
  }
  if (query.isError) {
    return (
      <Card>
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </Card>
    );
  }
  const of = (platform: Platform) =>
    query.data.data.find((credential) => credential.platform === platform) ?? missing(platform);
  return (
    <div className="space-y-6">
      <WebCredentialCard appId={appId} credential={of("web")} canManage={canManage} />
      <IosCredentialCard appId={appId} credential={of("ios")} canManage={canManage} />
      <AndroidCredentialCard appId={appId} credential={of("android")} canManage={canManage} />
    </div>
  );
}
