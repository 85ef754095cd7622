"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { type DataEntryDraft, nextRowKey } from "./content-draft";

const inputClass =
  "block w-full rounded-md border-0 bg-white px-2.5 py-1.5 font-mono text-xs shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500";

/** Key/value pairs the app receives with the push (not shown to the subscriber). */
export function CustomDataEditor({
  entries,
  onChange,
  errorFor,
  pathPrefix,
  legend = "Custom data",
}: {
  entries: DataEntryDraft[];
  onChange: (entries: DataEntryDraft[]) => void;
  errorFor: (path: string) => string | undefined;
  /** `variants.0.content.data`; the API names a bad key as `…data.<key>`. */
  pathPrefix: string;
  legend?: string;
}) {
  const update = (index: number, patch: Partial<DataEntryDraft>) =>
    onChange(entries.map((entry, at) => (at === index ? { ...entry, ...patch } : entry)));
  const listError = errorFor(pathPrefix);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <p className="text-xs text-slate-500">
        Delivered to your app with the push, not shown. Counts toward the payload size.
      </p>
      {entries.map((entry, index) => {
        const error = entry.key ? errorFor(`${pathPrefix}.${entry.key}`) : undefined;
        const number = index + 1;
        return (
          <div key={entry.rowKey}>
            <div className="grid grid-cols-[1fr_1.5fr_auto] gap-2">
              <input
                aria-label={`Data key ${number}`}
                value={entry.key}
                placeholder="key"
                aria-invalid={Boolean(error) || undefined}
                onChange={(event) => update(index, { key: event.target.value })}
                className={cn(inputClass, error && "ring-red-400")}
              />
              <input
                aria-label={`Data value ${number}`}
                value={entry.value}
                placeholder="value"
                onChange={(event) => update(index, { value: event.target.value })}
                className={inputClass}
              />
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove data key ${number}`}
                onClick={() => onChange(entries.filter((_, at) => at !== index))}
              >
                Remove
              </Button>
            </div>
            {error && <p className="mt-1 text-xs font-medium text-red-600">{error}</p>}
          </div>
        );
      })}
      {listError && <p className="text-xs font-medium text-red-600">{listError}</p>}
      <Button
        variant="secondary"
        size="sm"
        disabled={entries.length >= 50}
        onClick={() => onChange([...entries, { rowKey: nextRowKey(), key: "", value: "" }])}
      >
        + Add key
      </Button>
    </fieldset>
  );
}
