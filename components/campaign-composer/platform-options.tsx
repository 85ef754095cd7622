"use client";

import { InputField, SelectField } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import type { ContentDraft, PlatformKey } from "./content-draft";

/** Settings only one platform has: iOS category and interruption level, Android channel, web badge. */
export function PlatformOptions({
  platform,
  content,
  onChange,
  pathPrefix,
  errorFor,
}: {
  platform: PlatformKey;
  content: ContentDraft;
  onChange: (patch: Partial<Pick<ContentDraft, "ios" | "android" | "web">>) => void;
  /** `variants.0.content`. */
  pathPrefix: string;
  errorFor: (path: string) => string | undefined;
}) {
  const errorOf = (field: string) => errorFor(`${pathPrefix}.${platform}.${field}`);
  if (platform === "ios") {
    const ios = content.ios;
    const set = (patch: Partial<ContentDraft["ios"]>) => onChange({ ios: { ...ios, ...patch } });
    return (
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField
          label="Subtitle"
          value={ios.subtitle}
          onChange={(event) => set({ subtitle: event.target.value })}
          hint="A line between the title and the message."
          error={errorOf("subtitle")}
        />
        <SelectField
          label="Interruption level"
          value={ios.interruptionLevel}
          onChange={(event) =>
            set({
              interruptionLevel: event.target.value as ContentDraft["ios"]["interruptionLevel"],
            })
          }
          hint="Time-sensitive breaks through Focus; critical needs an Apple entitlement."
          error={errorOf("interruptionLevel")}
        >
          <option value="">Active (default)</option>
          <option value="passive">Passive — no sound, no wake</option>
          <option value="active">Active</option>
          <option value="time-sensitive">Time-sensitive</option>
          <option value="critical">Critical</option>
        </SelectField>
        <InputField
          label="Category"
          value={ios.category}
          onChange={(event) => set({ category: event.target.value })}
          hint="A UNNotificationCategory your app registers (custom buttons)."
          error={errorOf("category")}
        />
        <InputField
          label="Thread id"
          value={ios.threadId}
          onChange={(event) => set({ threadId: event.target.value })}
          hint="Groups notifications with the same id together."
          error={errorOf("threadId")}
        />
      </div>
    );
  }
  if (platform === "android") {
    const android = content.android;
    const set = (patch: Partial<ContentDraft["android"]>) =>
      onChange({ android: { ...android, ...patch } });
    return (
      <div className="grid gap-4 sm:grid-cols-3">
        <InputField
          label="Notification channel"
          value={android.channelId}
          onChange={(event) => set({ channelId: event.target.value })}
          hint="A channel id your app created (sets sound and importance)."
          error={errorOf("channelId")}
        />
        <InputField
          label="Small icon"
          value={android.smallIcon}
          onChange={(event) => set({ smallIcon: event.target.value })}
          placeholder="ic_notification"
          hint="A drawable resource name in the app."
          error={errorOf("smallIcon")}
        />
        <InputField
          label="Accent color"
          value={android.color}
          onChange={(event) => set({ color: event.target.value })}
          placeholder="#4F46E5"
          hint="#RRGGBB, tints the small icon and app name."
          error={errorOf("color")}
        />
      </div>
    );
  }
  const web = content.web;
  const set = (patch: Partial<ContentDraft["web"]>) => onChange({ web: { ...web, ...patch } });
  return (
    <div className="space-y-4">
      <Switch
        checked={web.requireInteraction}
        onChange={(requireInteraction) => set({ requireInteraction })}
        label="Stay on screen until clicked or dismissed"
        description="Chrome and Edge on desktop; other browsers ignore it."
      />
      <InputField
        label="Badge image URL"
        type="url"
        value={web.badgeUrl}
        onChange={(event) => set({ badgeUrl: event.target.value })}
        placeholder="https://…/badge-72.png"
        hint="The small monochrome icon Android Chrome shows in the status bar."
        error={errorOf("badgeUrl")}
      />
    </div>
  );
}
