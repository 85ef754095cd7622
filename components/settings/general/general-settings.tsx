"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { LoadingRows } from "@/components/ui/skeleton";
import { api } from "@/lib/api-client";
import type { AppDto } from "@/lib/apps/app-dto";
import { QueryError, settingsKeys } from "../api-state";
import { formatDate } from "../format";
import { AppSettingsForm } from "./app-settings-form";
import { DangerZone } from "./danger-zone";

export function GeneralSettings({
  appId,
  role,
  canEdit,
  canDelete,
}: {
  appId: string;
  role: string;
  canEdit: boolean;
  canDelete: boolean;
}) {
  const query = useQuery({
    queryKey: settingsKeys.app(appId),
    queryFn: () => api<AppDto>(`/api/v1/apps/${appId}`),
  });

  if (query.isPending) {
    return (
      <Card>
        <LoadingRows rows={6} label="Loading settings…" />
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
      {!canEdit && (
        <Alert tone="info">
          You are a {role} of this app, so these settings are read-only. Owners and admins can
          change them.
        </Alert>
      )}
      <Card>
        <CardHeader
          title="Public app id"
          description="Give this to the web and mobile SDKs. It identifies the app and is not a secret."
        />
        <CardBody className="flex flex-wrap items-center gap-3">
          <code
            className="rounded-md bg-slate-100 px-3 py-1.5 font-mono text-sm text-slate-800"
            data-testid="public-app-id"
          >
            {app.publicId}
          </code>
          <CopyButton value={app.publicId} label="Copy id" />
          <span className="text-xs text-slate-500">Created {formatDate(app.createdAt)}</span>
        </CardBody>
      </Card>
      <AppSettingsForm key={app.id} app={app} canEdit={canEdit} />
      {canDelete && <DangerZone appId={app.id} appName={app.name} />}
    </div>
  );
}
