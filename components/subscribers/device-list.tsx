"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { asApiError } from "@/components/settings/api-state";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Switch } from "@/components/ui/switch";
import { api } from "@/lib/api-client";
import type { DeviceDto } from "@/lib/devices/schemas";
import { deviceStatus, humanizeReason, platformLabels } from "./display";
import { PlatformIcon } from "./platform-icon";
import { TimeAgo } from "./time-ago";

function describeSoftware(device: DeviceDto): string {
  const os = [device.osName, device.osVersion].filter(Boolean).join(" ");
  return [
    device.browser,
    os,
    device.deviceModel,
    device.appVersion && `app ${device.appVersion}`,
    device.sdkVersion && `SDK ${device.sdkVersion}`,
  ]
    .filter(Boolean)
    .join(" · ");
}

function DeviceRow({
  appId,
  device,
  canWrite,
}: {
  appId: string;
  device: DeviceDto;
  canWrite: boolean;
}) {
  const router = useRouter();
  // Shown at once; the server's answer (or its refusal) settles it.
  const [isTestDevice, setIsTestDevice] = useState(device.isTestDevice);
  const toggle = useMutation({
    mutationFn: (next: boolean) =>
      api<DeviceDto>(`/api/v1/devices/${device.id}`, {
        method: "PATCH",
        body: { isTestDevice: next },
        appId,
      }),
    onMutate: (next) => setIsTestDevice(next),
    onError: () => setIsTestDevice(device.isTestDevice),
    onSuccess: (updated) => {
      setIsTestDevice(updated.isTestDevice);
      router.refresh();
    },
  });
  const status = deviceStatus[device.status];
  const software = describeSoftware(device);
  return (
    <li className="flex flex-wrap items-start gap-4 px-5 py-4">
      <div className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-slate-100 text-slate-600">
        <PlatformIcon platform={device.platform} className="size-5" />
      </div>
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <p className="font-medium text-slate-900">{platformLabels[device.platform]}</p>
          <span
            title={
              device.status === "invalid" && device.invalidReason
                ? `The push service refused it: ${humanizeReason(device.invalidReason)}`
                : undefined
            }
          >
            <Badge tone={status.tone}>{status.label}</Badge>
          </span>
          {isTestDevice && <Badge tone="blue">Test device</Badge>}
          <span className="font-mono text-xs text-slate-400">#{device.id}</span>
        </div>
        <p
          className="truncate font-mono text-xs text-slate-500"
          title="Shortened token or endpoint"
        >
          {device.address}
        </p>
        {software && <p className="text-xs text-slate-500">{software}</p>}
        <p className="text-xs text-slate-500">
          Last seen <TimeAgo iso={device.lastSeenAt} />
          {" · "}registered <TimeAgo iso={device.lastRegisteredAt} />
          {device.optedOutAt && (
            <>
              {" · "}opted out <TimeAgo iso={device.optedOutAt} />
            </>
          )}
        </p>
        {toggle.isError && <Alert tone="error">{asApiError(toggle.error)?.message}</Alert>}
      </div>
      {canWrite && (
        <div className="shrink-0" title="Test devices get the composer's test pushes">
          <Switch
            checked={isTestDevice}
            onChange={(next) => toggle.mutate(next)}
            disabled={toggle.isPending}
            label={<span className="text-sm font-normal text-slate-600">Test device</span>}
          />
        </div>
      )}
    </li>
  );
}

export function DeviceList({
  appId,
  devices,
  canWrite,
}: {
  appId: string;
  devices: DeviceDto[];
  canWrite: boolean;
}) {
  const active = devices.filter((device) => device.status === "active").length;
  return (
    <Card>
      <CardHeader
        title="Devices"
        description={
          devices.length
            ? `${active} of ${devices.length} can receive pushes`
            : "Where this subscriber's pushes go"
        }
      />
      {devices.length === 0 ? (
        <EmptyState
          title="No devices"
          description="Register one with POST /api/v1/devices, or subscribe a browser with the web SDK."
        />
      ) : (
        <ul className="divide-y divide-slate-100">
          {devices.map((device) => (
            <DeviceRow key={device.id} appId={appId} device={device} canWrite={canWrite} />
          ))}
        </ul>
      )}
    </Card>
  );
}
