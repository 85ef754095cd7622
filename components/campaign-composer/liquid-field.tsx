"use client";

import { type ReactNode, useCallback, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { type AttributeOption, AttributePicker } from "./attribute-picker";

const controlClass =
  "block w-full rounded-md border-0 bg-white py-2 pr-28 pl-3 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500";

/**
 * A text box that takes Liquid: "Personalize" inserts an attribute with its
 * fallback at the caret, so nobody has to remember the syntax.
 */
export function LiquidField({
  label,
  value,
  onChange,
  multiline = false,
  placeholder,
  hint,
  error,
  attributes,
  maxLength,
  counter,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  placeholder?: string;
  hint?: ReactNode;
  error?: string;
  attributes: AttributeOption[];
  maxLength?: number;
  /** Shown under the box on the right, e.g. how much of it iOS shows. */
  counter?: ReactNode;
}) {
  const [isPickerOpen, setPickerOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const selection = useRef<[number, number] | null>(null);

  const rememberSelection = () => {
    const element = inputRef.current;
    if (element)
      selection.current = [
        element.selectionStart ?? value.length,
        element.selectionEnd ?? value.length,
      ];
  };

  const closePicker = useCallback(() => {
    setPickerOpen(false);
    inputRef.current?.focus();
  }, []);

  function insert(snippet: string) {
    const [start, end] = selection.current ?? [value.length, value.length];
    const next = value.slice(0, start) + snippet + value.slice(end);
    onChange(next);
    setPickerOpen(false);
    const caret = start + snippet.length;
    requestAnimationFrame(() => {
      const element = inputRef.current;
      element?.focus();
      element?.setSelectionRange(caret, caret);
    });
  }

  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <div className="relative">
          {multiline ? (
            <textarea
              ref={inputRef}
              id={id}
              rows={3}
              value={value}
              maxLength={maxLength}
              placeholder={placeholder}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(event) => onChange(event.target.value)}
              onSelect={rememberSelection}
              onBlur={rememberSelection}
              className={cn(controlClass, "resize-y", invalid && "ring-red-400 focus:ring-red-500")}
            />
          ) : (
            <input
              ref={inputRef}
              id={id}
              value={value}
              maxLength={maxLength}
              placeholder={placeholder}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(event) => onChange(event.target.value)}
              onSelect={rememberSelection}
              onBlur={rememberSelection}
              className={cn(controlClass, invalid && "ring-red-400 focus:ring-red-500")}
            />
          )}
          <button
            type="button"
            aria-label={`Personalize ${label.toLowerCase()}`}
            aria-expanded={isPickerOpen}
            aria-haspopup="dialog"
            onMouseDown={rememberSelection}
            onClick={() => {
              rememberSelection();
              setPickerOpen((open) => !open);
            }}
            className="absolute top-1.5 right-1.5 inline-flex items-center gap-1 rounded px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50"
          >
            <span aria-hidden="true" className="font-mono">
              {"{ }"}
            </span>
            Personalize
          </button>
          {isPickerOpen && (
            <AttributePicker attributes={attributes} onInsert={insert} onClose={closePicker} />
          )}
          {counter && <div className="mt-1 text-right text-xs text-slate-400">{counter}</div>}
        </div>
      )}
    </Field>
  );
}
