"use client";

import { InputField, SelectField } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { platformLimits } from "@/lib/push/limits";
import { ActionButtonsEditor } from "./action-buttons-editor";
import type { AttributeOption } from "./attribute-picker";
import {
  type PlatformKey,
  platformNames,
  type SharedDraft,
  type SharedTextField,
} from "./content-draft";
import { CustomDataEditor } from "./custom-data-editor";
import { LiquidField } from "./liquid-field";

export interface MessageFieldsProps {
  shared: SharedDraft;
  onChange: (patch: Partial<SharedDraft>) => void;
  /** The all-platforms values when editing a platform's overrides; null for the base. */
  inherited: SharedDraft | null;
  platform?: PlatformKey;
  /** `variants.0.content` or `variants.0.content.overrides.ios`. */
  pathPrefix: string;
  errorFor: (path: string) => string | undefined;
  attributes: AttributeOption[];
}

/**
 * The fields every platform shares. In a platform's tab the same fields
 * override the all-platforms values; left empty, the platform inherits them.
 */
export function MessageFields({
  shared,
  onChange,
  inherited,
  platform,
  pathPrefix,
  errorFor,
  attributes,
}: MessageFieldsProps) {
  const isOverride = inherited !== null;
  const errorOf = (field: string) => errorFor(`${pathPrefix}.${field}`);
  const placeholderOf = (field: SharedTextField, fallback: string) => {
    if (!isOverride) return fallback;
    const value = inherited[field];
    return value ? `Same as all platforms: ${value}` : "Same as all platforms";
  };
  const textProps = (field: SharedTextField) => ({
    value: shared[field],
    onChange: (value: string) => onChange({ [field]: value }),
    error: errorOf(field),
  });
  const platformName = platform ? platformNames[platform] : "";
  return (
    <div className="space-y-5">
      <LiquidField
        label="Title"
        {...textProps("title")}
        placeholder={placeholderOf("title", "e.g. Your cart misses you")}
        maxLength={256}
        attributes={attributes}
        counter={`${shared.title.length} / 256`}
      />
      <LiquidField
        label="Message"
        multiline
        {...textProps("body")}
        placeholder={placeholderOf("body", "e.g. Complete your order today and get free shipping.")}
        maxLength={4000}
        attributes={attributes}
        hint="Lock screens show about 4 lines; keep the point up front."
        counter={`${shared.body.length} characters`}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField
          label="Image URL"
          type="url"
          value={shared.imageUrl}
          onChange={(event) => onChange({ imageUrl: event.target.value })}
          placeholder={placeholderOf("imageUrl", "https://…/banner.png")}
          hint="https only. Large picture on Android and web; iOS shows it through the Herald service extension."
          error={errorOf("imageUrl")}
        />
        <InputField
          label="Icon URL"
          type="url"
          value={shared.iconUrl}
          onChange={(event) => onChange({ iconUrl: event.target.value })}
          placeholder={placeholderOf("iconUrl", "https://…/icon.png")}
          hint="Web and Android; iOS always shows the app icon."
          error={errorOf("iconUrl")}
        />
      </div>
      <InputField
        label="Launch URL or deep link"
        value={shared.url}
        onChange={(event) => onChange({ url: event.target.value })}
        placeholder={placeholderOf("url", "https://shop.example.com/cart, /cart or shop://cart")}
        hint="Where a tap on the notification leads. javascript:, data: and http: links are refused."
        error={errorOf("url")}
      />
      {isOverride && platform ? (
        <div className="space-y-3">
          <Switch
            checked={shared.actions !== null}
            onChange={(isDifferent) =>
              onChange({
                actions: isDifferent
                  ? (inherited.actions ?? [])
                      .slice(0, platformLimits[platform].actions)
                      .map((action) => ({ ...action }))
                  : null,
              })
            }
            label={`Different buttons on ${platformName}`}
            description={
              shared.actions === null
                ? `${platformName} shows the all-platforms buttons (${inherited.actions?.length ?? 0}).`
                : `${platformName} shows only the buttons below.`
            }
          />
          {shared.actions !== null && (
            <ActionButtonsEditor
              actions={shared.actions}
              onChange={(actions) => onChange({ actions })}
              errorFor={errorFor}
              pathPrefix={`${pathPrefix}.actions`}
              legend={`${platformName} buttons`}
              platform={platform}
            />
          )}
        </div>
      ) : (
        <ActionButtonsEditor
          actions={shared.actions ?? []}
          onChange={(actions) => onChange({ actions })}
          errorFor={errorFor}
          pathPrefix={`${pathPrefix}.actions`}
        />
      )}
      <details className="group rounded-lg ring-1 ring-slate-200" open={hasAdvancedValues(shared)}>
        <summary className="cursor-pointer rounded-lg px-4 py-2.5 text-sm font-medium text-slate-700 select-none hover:bg-slate-50">
          Delivery options
          <span className="ml-2 font-normal text-slate-500">
            sound, badge, priority, time to live, collapse key, silent push, custom data
          </span>
        </summary>
        <div className="space-y-5 border-t border-slate-100 px-4 py-4">
          <div className="grid gap-4 sm:grid-cols-3">
            <InputField
              label="Sound"
              value={shared.sound}
              onChange={(event) => onChange({ sound: event.target.value })}
              placeholder={placeholderOf("sound", "default")}
              hint='"default" or a sound file in the app'
              error={errorOf("sound")}
            />
            <InputField
              label="Badge"
              type="number"
              min={0}
              inputMode="numeric"
              value={shared.badge}
              onChange={(event) => onChange({ badge: event.target.value })}
              placeholder={placeholderOf("badge", "Unchanged")}
              hint="The number on the app icon (iOS, some Android launchers)."
              error={errorOf("badge")}
            />
            <SelectField
              label="Priority"
              value={shared.priority}
              onChange={(event) =>
                onChange({ priority: event.target.value as SharedDraft["priority"] })
              }
              hint="High wakes the device; normal may be batched to save battery."
              error={errorOf("priority")}
            >
              <option value="">
                {isOverride ? "Same as all platforms" : "Platform default (high)"}
              </option>
              <option value="high">High</option>
              <option value="normal">Normal</option>
            </SelectField>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <InputField
              label="Push time to live (seconds)"
              type="number"
              min={0}
              inputMode="numeric"
              value={shared.ttlSeconds}
              onChange={(event) => onChange({ ttlSeconds: event.target.value })}
              placeholder={placeholderOf("ttlSeconds", "Provider default")}
              hint="How long the push service keeps trying an offline device. 0: now or never."
              error={errorOf("ttlSeconds")}
            />
            <InputField
              label="Collapse key"
              value={shared.collapseKey}
              onChange={(event) => onChange({ collapseKey: event.target.value })}
              placeholder={placeholderOf("collapseKey", "e.g. order-42")}
              hint="A newer push with the same key replaces an older one."
              error={errorOf("collapseKey")}
            />
          </div>
          {isOverride ? (
            <SelectField
              label="Silent push"
              value={shared.silent}
              onChange={(event) =>
                onChange({ silent: event.target.value as SharedDraft["silent"] })
              }
              error={errorOf("silent")}
            >
              <option value="">Same as all platforms</option>
              <option value="on">Silent on {platformName}</option>
              <option value="off">Visible on {platformName}</option>
            </SelectField>
          ) : (
            <Switch
              checked={shared.silent === "on"}
              onChange={(isSilent) => onChange({ silent: isSilent ? "on" : "" })}
              label="Silent push"
              description="Nothing is shown: the app wakes in the background (for data sync). Title and message are ignored."
            />
          )}
          {isOverride ? (
            <div className="space-y-3">
              <Switch
                checked={shared.data !== null}
                onChange={(hasData) => onChange({ data: hasData ? [] : null })}
                label={`Extra data on ${platformName}`}
                description="Adds keys (or replaces same-named ones) on this platform only."
              />
              {shared.data !== null && (
                <CustomDataEditor
                  entries={shared.data}
                  onChange={(data) => onChange({ data })}
                  errorFor={errorFor}
                  pathPrefix={`${pathPrefix}.data`}
                  legend={`${platformName} data`}
                />
              )}
            </div>
          ) : (
            <CustomDataEditor
              entries={shared.data ?? []}
              onChange={(data) => onChange({ data })}
              errorFor={errorFor}
              pathPrefix={`${pathPrefix}.data`}
            />
          )}
        </div>
      </details>
    </div>
  );
}

function hasAdvancedValues(shared: SharedDraft): boolean {
  return Boolean(
    shared.sound ||
      shared.badge ||
      shared.priority ||
      shared.ttlSeconds ||
      shared.collapseKey ||
      shared.silent ||
      (shared.data && shared.data.length > 0),
  );
}
