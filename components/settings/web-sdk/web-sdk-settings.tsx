"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { LoadingRows } from "@/components/ui/skeleton";
import { api } from "@/lib/api-client";
import type { AppDto } from "@/lib/apps/app-dto";
import { QueryError, settingsKeys } from "../api-state";
import { IdentityVerificationCard } from "./identity-verification-card";
import { InstallCard } from "./install-card";
import { ReadinessCard } from "./readiness-card";
import { SoftAskForm } from "./soft-ask-form";

export function WebSdkSettings({
  appId,
  heraldUrl,
  role,
  canEdit,
  canSeeCredentials,
  isWebPushConfigured,
}: {
  appId: string;
  /** This Herald's public origin, where sites load the SDK from. */
  heraldUrl: string;
  role: string;
  canEdit: boolean;
  canSeeCredentials: boolean;
  isWebPushConfigured: boolean;
}) {
  const query = useQuery({
    queryKey: settingsKeys.app(appId),
    queryFn: () => api<AppDto>(`/api/v1/apps/${appId}`),
  });
  if (query.isPending) {
    return (
      <Card>
        <LoadingRows rows={6} label="Loading the web SDK settings…" />
      </Card>
    );
  }
  if (query.isError) {
    return (
      <Card>
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      </Card>
    );
  }
  const app = query.data;
  return (
    <div className="space-y-6">
      <ReadinessCard
        appId={appId}
        allowedOrigins={app.allowedOrigins}
        isWebPushConfigured={isWebPushConfigured}
        canSeeCredentials={canSeeCredentials}
      />
      <InstallCard heraldUrl={heraldUrl} publicId={app.publicId} />
      {!canEdit && (
        <Alert tone="info">
          You are a {role} of this app, so the soft ask is read-only here. Owners and admins can
          change it.
        </Alert>
      )}
      <SoftAskForm key={app.id} app={app} canEdit={canEdit} />
      <IdentityVerificationCard app={app} canEdit={canEdit} />
    </div>
  );
}
