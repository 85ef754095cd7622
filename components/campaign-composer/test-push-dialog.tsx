"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { campaignKeys, type TestDeviceDto } from "@/components/campaigns/campaign-api";
import { asApiError } from "@/components/settings/api-state";
import { formatRelative } from "@/components/settings/format";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadingRows } from "@/components/ui/skeleton";
import { api } from "@/lib/api-client";
import { type NotificationContentInput, notificationContentSchema } from "@/lib/push/content";
import { platformNames } from "./content-draft";

/**
 * Sends the variant on screen to chosen test devices now, as its own small
 * transactional send: the real campaign's stats and caps are untouched.
 */
export function TestPushDialog({
  appId,
  open,
  onClose,
  onSent,
  content,
  campaignName,
  variantLabel,
}: {
  appId: string;
  open: boolean;
  onClose: () => void;
  onSent: (deviceCount: number) => void;
  content: NotificationContentInput;
  campaignName: string;
  variantLabel: string | null;
}) {
  const [chosen, setChosen] = useState<string[]>([]);
  const devices = useQuery({
    queryKey: campaignKeys.testDevices(appId),
    queryFn: () => api<{ data: TestDeviceDto[] }>("/api/v1/campaigns/test-send", { appId }),
    enabled: open,
  });
  const parsed = notificationContentSchema.safeParse(content);
  const send = useMutation({
    mutationFn: () =>
      api<{ campaignId: string }>("/api/v1/campaigns/test-send", {
        appId,
        body: {
          content: parsed.data,
          deviceIds: chosen,
          campaignName: (variantLabel ? `${campaignName} (${variantLabel})` : campaignName).slice(
            0,
            100,
          ),
        },
      }),
    onSuccess: () => {
      onSent(chosen.length);
      onClose();
    },
  });
  const list = devices.data?.data ?? [];
  return (
    <ConfirmDialog
      open={open}
      title="Send a test push"
      description={`${variantLabel ? `${variantLabel}, as` : "As"} it is now, to your test devices. It does not count toward the campaign's stats or frequency caps.`}
      confirmLabel={chosen.length > 1 ? `Send to ${chosen.length} devices` : "Send test"}
      tone="primary"
      isLoading={send.isPending}
      confirmDisabled={chosen.length === 0 || !parsed.success}
      error={send.error ? asApiError(send.error)?.message : null}
      onConfirm={() => send.mutate()}
      onClose={() => {
        send.reset();
        onClose();
      }}
    >
      {!parsed.success && (
        <p role="alert" className="text-sm font-medium text-amber-700">
          This variant has fields to fix before it can be sent.
        </p>
      )}
      {devices.isPending ? (
        <LoadingRows rows={2} label="Loading test devices…" />
      ) : devices.isError ? (
        <p className="text-sm text-red-700">{asApiError(devices.error)?.message}</p>
      ) : list.length === 0 ? (
        <p className="rounded-md bg-slate-50 px-3 py-3 text-sm text-slate-600 ring-1 ring-inset ring-slate-200">
          No test devices yet. Mark one of your own devices as a test device on its subscriber's
          profile (or with the API), then come back here.
        </p>
      ) : (
        <fieldset className="max-h-64 space-y-2.5 overflow-y-auto">
          <legend className="sr-only">Test devices</legend>
          {list.map((device) => (
            <Checkbox
              key={device.id}
              label={`${device.label} · ${platformNames[device.platform]}`}
              description={`${device.externalId ?? "Anonymous"} · seen ${formatRelative(device.lastSeenAt)}`}
              checked={chosen.includes(device.id)}
              onChange={(event) =>
                setChosen((current) =>
                  event.target.checked
                    ? [...current, device.id]
                    : current.filter((id) => id !== device.id),
                )
              }
            />
          ))}
        </fieldset>
      )}
    </ConfirmDialog>
  );
}
