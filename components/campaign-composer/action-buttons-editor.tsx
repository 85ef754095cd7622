"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { platformLimits } from "@/lib/push/limits";
import {
  type ActionDraft,
  nextRowKey,
  type PlatformKey,
  platformNames,
  resolvedActionIds,
} from "./content-draft";

const maxButtons = 4;

const inputClass =
  "block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500";
const invalidClass = "ring-red-400 focus:ring-red-500";

/** Which platforms show how many of `count` buttons: the rule, before save. */
export function buttonRuleNote(count: number, platform?: PlatformKey): string {
  if (platform) {
    const limit = platformLimits[platform].actions;
    const over = count - limit;
    return over > 0
      ? `${platformNames[platform]} shows at most ${limit} buttons: remove ${over}.`
      : `${platformNames[platform]} shows up to ${limit} buttons.`;
  }
  const cut = (["web", "android", "ios"] as const).filter(
    (platform) => count > platformLimits[platform].actions,
  );
  if (cut.length === 0) return "iOS shows up to 4 buttons, Android 3, web 2.";
  const names = cut.map((platform) => platformLimits[platform].label.split(" ")[0]).join(" and ");
  return `${names} cannot show ${count} buttons (iOS 4, Android 3, web 2): set fewer buttons in the ${names} tab${cut.length > 1 ? "s" : ""} or remove one here.`;
}

/**
 * Action buttons: a label and where a tap leads. Ids are derived from the
 * labels (the app sees which button was tapped), editable for developers.
 */
export function ActionButtonsEditor({
  actions,
  onChange,
  errorFor,
  pathPrefix,
  legend = "Action buttons",
  platform,
}: {
  actions: ActionDraft[];
  onChange: (actions: ActionDraft[]) => void;
  errorFor: (path: string) => string | undefined;
  /** `variants.0.content.actions` or `…overrides.web.actions`. */
  pathPrefix: string;
  legend?: string;
  /** Set in a platform's tab: the rule shown is that platform's. */
  platform?: PlatformKey;
}) {
  const ids = resolvedActionIds(actions);
  const listError = errorFor(pathPrefix);
  const update = (index: number, patch: Partial<ActionDraft>) =>
    onChange(actions.map((action, at) => (at === index ? { ...action, ...patch } : action)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <p className="text-xs text-slate-500">{buttonRuleNote(actions.length, platform)}</p>
      {actions.length > 0 && (
        <ol className="space-y-2">
          {actions.map((action, index) => {
            const path = `${pathPrefix}.${index}`;
            const titleError = errorFor(`${path}.title`);
            const urlError = errorFor(`${path}.url`);
            const idError = errorFor(`${path}.id`);
            const number = index + 1;
            return (
              <li
                key={action.rowKey}
                className="grid grid-cols-[1fr_1.4fr_0.8fr_auto] items-start gap-2 rounded-md bg-slate-50 p-2 ring-1 ring-inset ring-slate-200"
              >
                <div>
                  <input
                    aria-label={`Button ${number} label`}
                    value={action.title}
                    maxLength={64}
                    placeholder="Label, e.g. Shop now"
                    aria-invalid={Boolean(titleError) || undefined}
                    onChange={(event) => update(index, { title: event.target.value })}
                    className={cn(inputClass, titleError && invalidClass)}
                  />
                  {titleError && (
                    <p className="mt-1 text-xs font-medium text-red-600">{titleError}</p>
                  )}
                </div>
                <div>
                  <input
                    aria-label={`Button ${number} link`}
                    value={action.url}
                    placeholder="https://… or /deep/link or myapp://…"
                    aria-invalid={Boolean(urlError) || undefined}
                    onChange={(event) => update(index, { url: event.target.value })}
                    className={cn(inputClass, urlError && invalidClass)}
                  />
                  {urlError && <p className="mt-1 text-xs font-medium text-red-600">{urlError}</p>}
                </div>
                <div>
                  <input
                    aria-label={`Button ${number} id`}
                    value={action.id}
                    placeholder={ids[index]}
                    aria-invalid={Boolean(idError) || undefined}
                    onChange={(event) => update(index, { id: event.target.value })}
                    className={cn(inputClass, "font-mono text-xs", idError && invalidClass)}
                  />
                  {idError && <p className="mt-1 text-xs font-medium text-red-600">{idError}</p>}
                </div>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove button ${number}`}
                  onClick={() => onChange(actions.filter((_, at) => at !== index))}
                >
                  Remove
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      {listError && (
        <p role="alert" className="text-xs font-medium text-red-600">
          {listError}
        </p>
      )}
      <Button
        variant="secondary"
        size="sm"
        disabled={actions.length >= maxButtons}
        onClick={() => onChange([...actions, { rowKey: nextRowKey(), id: "", title: "", url: "" }])}
      >
        + Add button
      </Button>
    </fieldset>
  );
}
