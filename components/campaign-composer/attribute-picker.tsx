"use client";

import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

export interface AttributeOption {
  /** The Liquid variable: `first_name`, `subscriber.country`. */
  variable: string;
  label: string;
}

/** What every subscriber may have; the preview subscriber's own attributes are added to these. */
export const builtInAttributes: AttributeOption[] = [
  { variable: "first_name", label: "First name" },
  { variable: "last_name", label: "Last name" },
  { variable: "subscriber.external_id", label: "External id" },
  { variable: "subscriber.country", label: "Country" },
  { variable: "subscriber.locale", label: "Locale" },
  { variable: "subscriber.timezone", label: "Time zone" },
];

const suggestedFallbacks: Record<string, string> = { first_name: "there", last_name: "" };

/** `{{ first_name | default: "there" }}`, or `{{ first_name }}` with no fallback. */
export function liquidSnippet(variable: string, fallback: string): string {
  if (!fallback) return `{{ ${variable} }}`;
  return `{{ ${variable} | default: "${fallback.replaceAll('"', "'")}" }}`;
}

/**
 * The popover behind "Personalize": pick an attribute, say what to show when
 * a subscriber lacks it, insert. Escape or a click elsewhere closes it.
 */
export function AttributePicker({
  attributes,
  onInsert,
  onClose,
}: {
  attributes: AttributeOption[];
  onInsert: (snippet: string) => void;
  onClose: () => void;
}) {
  const id = useId();
  const [variable, setVariable] = useState(attributes[0]?.variable ?? "first_name");
  const [fallback, setFallback] = useState(suggestedFallbacks[variable] ?? "");
  const [custom, setCustom] = useState("");
  const containerRef = useRef<HTMLDivElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    firstRef.current?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [onClose]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape") {
      event.stopPropagation();
      event.preventDefault();
      onClose();
    }
  }

  const chosen = custom.trim() || variable;
  const isCustomValid = custom.trim() === "" || /^[A-Za-z_][\w.]*$/.test(custom.trim());
  return (
    <div
      ref={containerRef}
      role="dialog"
      aria-label="Insert personalisation"
      onKeyDown={onKeyDown}
      className="absolute right-0 z-30 mt-1 w-80 space-y-3 rounded-lg bg-white p-4 text-sm shadow-xl ring-1 ring-slate-200"
    >
      <fieldset>
        <legend className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">
          Attribute
        </legend>
        <div className="max-h-44 space-y-0.5 overflow-y-auto">
          {attributes.map((option, index) => (
            <label
              key={option.variable}
              className="flex cursor-pointer items-center gap-2 rounded px-1.5 py-1 hover:bg-slate-50"
            >
              <input
                ref={index === 0 ? firstRef : undefined}
                type="radio"
                name={`${id}-attribute`}
                checked={!custom && variable === option.variable}
                onChange={() => {
                  setCustom("");
                  setVariable(option.variable);
                  setFallback(suggestedFallbacks[option.variable] ?? "");
                }}
                className="accent-brand-600"
              />
              <span className="text-slate-800">{option.label}</span>
              <code className="ml-auto truncate font-mono text-xs text-slate-400">
                {option.variable}
              </code>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="space-y-1">
        <label htmlFor={`${id}-custom`} className="block text-xs font-medium text-slate-600">
          Or another attribute
        </label>
        <input
          id={`${id}-custom`}
          value={custom}
          onChange={(event) => setCustom(event.target.value)}
          placeholder="e.g. loyalty_tier"
          aria-invalid={!isCustomValid || undefined}
          className="block w-full rounded-md border-0 px-2.5 py-1.5 font-mono text-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
        {!isCustomValid && <p className="text-xs text-red-600">Letters, digits, _ and . only</p>}
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-fallback`} className="block text-xs font-medium text-slate-600">
          Fallback when a subscriber has none
        </label>
        <input
          id={`${id}-fallback`}
          value={fallback}
          onChange={(event) => setFallback(event.target.value)}
          placeholder="Leave empty to show nothing"
          className="block w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
      </div>
      <p className="rounded bg-slate-50 px-2 py-1.5 font-mono text-xs break-all text-slate-700">
        {liquidSnippet(chosen, fallback)}
      </p>
      <div className="flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={onClose}>
          Cancel
        </Button>
        <Button
          size="sm"
          disabled={!isCustomValid}
          onClick={() => onInsert(liquidSnippet(chosen, fallback))}
        >
          Insert
        </Button>
      </div>
    </div>
  );
}
