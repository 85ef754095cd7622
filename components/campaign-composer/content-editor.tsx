"use client";

import { Button } from "@/components/ui/button";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import type { AttributeOption } from "./attribute-picker";
import {
  type ContentDraft,
  type ContentScope,
  emptyShared,
  overrideCount,
  platformChangeCount,
  platformKeys,
  platformNames,
  type SharedDraft,
} from "./content-draft";
import { countErrorsUnder, type FieldErrors } from "./draft-validation";
import { MessageFields } from "./message-fields";
import { PlatformOptions } from "./platform-options";

const scopeLabels: Record<ContentScope, string> = {
  base: "All platforms",
  ios: "iOS",
  android: "Android",
  web: "Web",
};

function TabMarker({ errors, changes }: { errors: number; changes: number }) {
  if (errors > 0) {
    return (
      <span className="rounded-full bg-red-100 px-1.5 text-xs font-semibold text-red-700">
        {errors}
        <span className="sr-only"> problem{errors === 1 ? "" : "s"}</span>
      </span>
    );
  }
  if (changes > 0) {
    return (
      <span className="rounded-full bg-brand-100 px-1.5 text-xs font-semibold text-brand-700">
        {changes}
        <span className="sr-only"> override{changes === 1 ? "" : "s"}</span>
      </span>
    );
  }
  return null;
}

/**
 * One variant's content: the all-platforms fields, and a tab per platform
 * that overrides any of them and holds that platform's own settings. The
 * preview follows the tab.
 */
export function ContentEditor({
  content,
  onChange,
  scope,
  onScopeChange,
  pathPrefix,
  errors,
  attributes,
  idPrefix,
}: {
  content: ContentDraft;
  onChange: (content: ContentDraft) => void;
  scope: ContentScope;
  onScopeChange: (scope: ContentScope) => void;
  /** `variants.0.content`. */
  pathPrefix: string;
  errors: FieldErrors;
  attributes: AttributeOption[];
  idPrefix: string;
}) {
  const errorFor = (path: string) => errors.get(path);
  const platformErrorCount = (platform: (typeof platformKeys)[number]) =>
    countErrorsUnder(errors, `${pathPrefix}.overrides.${platform}`) +
    countErrorsUnder(errors, `${pathPrefix}.${platform}`);
  const baseErrorCount =
    countErrorsUnder(errors, pathPrefix) -
    platformKeys.reduce((sum, platform) => sum + platformErrorCount(platform), 0) -
    (errors.has(pathPrefix) ? 1 : 0);
  const items = (["base", ...platformKeys] as const).map((id) => ({
    id,
    label: scopeLabels[id],
    badge:
      id === "base" ? (
        <TabMarker errors={baseErrorCount} changes={0} />
      ) : (
        <TabMarker errors={platformErrorCount(id)} changes={platformChangeCount(content, id)} />
      ),
  }));
  const setShared = (patch: Partial<SharedDraft>) => {
    if (scope === "base") onChange({ ...content, base: { ...content.base, ...patch } });
    else
      onChange({
        ...content,
        overrides: { ...content.overrides, [scope]: { ...content.overrides[scope], ...patch } },
      });
  };
  return (
    <div>
      <Tabs
        label="Platform"
        idPrefix={idPrefix}
        items={items}
        value={scope}
        onChange={onScopeChange}
      />
      <TabPanel idPrefix={idPrefix} id={scope} className="space-y-6 pt-5">
        {scope === "base" ? (
          <MessageFields
            shared={content.base}
            onChange={setShared}
            inherited={null}
            pathPrefix={pathPrefix}
            errorFor={errorFor}
            attributes={attributes}
          />
        ) : (
          <>
            <div className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-inset ring-slate-200">
              <p>
                Fields left empty use the <strong className="font-medium">All platforms</strong>{" "}
                value. What you set here applies to {platformNames[scope]} only.
              </p>
              {overrideCount(content.overrides[scope]) > 0 && (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() =>
                    onChange({
                      ...content,
                      overrides: { ...content.overrides, [scope]: emptyShared(true) },
                    })
                  }
                >
                  Clear {platformNames[scope]} overrides
                </Button>
              )}
            </div>
            <MessageFields
              shared={content.overrides[scope]}
              onChange={setShared}
              inherited={content.base}
              platform={scope}
              pathPrefix={`${pathPrefix}.overrides.${scope}`}
              errorFor={errorFor}
              attributes={attributes}
            />
            <section aria-labelledby={`${idPrefix}-${scope}-options`} className="space-y-3">
              <h3
                id={`${idPrefix}-${scope}-options`}
                className="border-t border-slate-100 pt-5 text-sm font-semibold text-slate-900"
              >
                {platformNames[scope]} settings
              </h3>
              <PlatformOptions
                platform={scope}
                content={content}
                onChange={(patch) => onChange({ ...content, ...patch })}
                pathPrefix={pathPrefix}
                errorFor={errorFor}
              />
            </section>
          </>
        )}
      </TabPanel>
    </div>
  );
}
