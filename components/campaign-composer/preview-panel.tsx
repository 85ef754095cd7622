"use client";

import { useMemo } from "react";
import { Card, CardBody } from "@/components/ui/card";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import type { NotificationContent, NotificationContentInput } from "@/lib/push/content";
import { measurePayloadSizes, type PayloadSize } from "@/lib/push/measure-payload-sizes";
import { resolvePlatformContent } from "@/lib/push/platform-content";
import type { PlatformKey } from "./content-draft";
import { PayloadMeter } from "./payload-meter";
import { PreviewSubscriberPicker } from "./preview-subscriber-picker";
import { AndroidShade } from "./previews/android-shade";
import { DesktopBrowser } from "./previews/desktop-browser";
import { IosLockScreen } from "./previews/ios-lock-screen";
import type { RenderedPreviewState } from "./use-rendered-preview";

function measure(content: NotificationContentInput): Partial<Record<PlatformKey, PayloadSize>> {
  try {
    // The builders read only what is set; a half-typed draft still measures.
    return measurePayloadSizes(content as NotificationContent);
  } catch {
    return {};
  }
}

const deviceLabels: Record<PlatformKey, string> = {
  ios: "iOS",
  android: "Android",
  web: "Desktop web",
};

/**
 * The right-hand column: the push on an iPhone lock screen, in the Android
 * shade or as a Chrome banner on a Mac, rendered for a chosen subscriber,
 * with the live byte counter under it.
 */
export function PreviewPanel({
  appId,
  appName,
  webOrigin,
  content,
  preview,
  device,
  onDeviceChange,
  targeted,
  subscriber,
  onSubscriberChange,
  onTrimButtons,
}: {
  appId: string;
  appName: string;
  webOrigin: string;
  /** The variant's content as typed (the byte counter measures this, instantly). */
  content: NotificationContentInput;
  preview: RenderedPreviewState;
  device: PlatformKey;
  onDeviceChange: (device: PlatformKey) => void;
  targeted: readonly PlatformKey[];
  subscriber: string | null;
  onSubscriberChange: (externalId: string | null) => void;
  onTrimButtons: (platform: PlatformKey) => void;
}) {
  const sizes = useMemo(() => measure(content), [content]);
  const shown = preview.content as NotificationContent;
  const items = (["ios", "android", "web"] as const).map((id) => ({
    id,
    label: deviceLabels[id],
  }));
  return (
    <Card>
      <CardBody className="space-y-5">
        <div className="flex items-center justify-between gap-2">
          <h2 className="text-base font-semibold text-slate-900">Preview</h2>
          {preview.isRendering && (
            <span className="text-xs text-slate-400" role="status">
              Rendering…
            </span>
          )}
        </div>
        <PreviewSubscriberPicker
          appId={appId}
          selected={subscriber}
          onSelect={onSubscriberChange}
          error={subscriber ? (preview.error ?? undefined) : undefined}
        />
        {!subscriber && preview.error && (
          <p role="alert" className="text-xs font-medium text-red-600">
            {preview.error}
          </p>
        )}
        <div>
          <Tabs
            label="Preview device"
            idPrefix="preview-device"
            items={items}
            value={device}
            onChange={onDeviceChange}
            size="sm"
          />
          <TabPanel idPrefix="preview-device" id={device} className="pt-4">
            <div data-testid={`preview-${device}`}>
              {device === "ios" && (
                <IosLockScreen content={resolvePlatformContent(shown, "ios")} appName={appName} />
              )}
              {device === "android" && (
                <AndroidShade
                  content={resolvePlatformContent(shown, "android")}
                  appName={appName}
                />
              )}
              {device === "web" && (
                <>
                  <DesktopBrowser
                    content={resolvePlatformContent(shown, "web")}
                    origin={webOrigin}
                  />
                  <p className="mt-2 text-xs text-slate-500">
                    Chrome on macOS shows no large image; Windows and Android Chrome do.
                  </p>
                </>
              )}
            </div>
          </TabPanel>
        </div>
        <PayloadMeter
          sizes={sizes}
          personalizedSizes={subscriber ? (preview.rendered?.sizes ?? null) : null}
          personalizedFor={subscriber}
          targeted={targeted}
          onTrimButtons={onTrimButtons}
        />
      </CardBody>
    </Card>
  );
}
