"use client";

import { type ClipboardEvent, type KeyboardEvent, useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { TimeUnit } from "@/lib/segments/definition";
import type { WindowDraft } from "./draft";

// Compact inputs that sit inline in a condition row.

export function controlClass(isInvalid = false): string {
  return cn(
    "rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500",
    isInvalid ? "ring-red-400" : "ring-slate-300",
  );
}

export function TextValue({
  value,
  onChange,
  label,
  suggestions = [],
  placeholder = "value",
  isInvalid,
  inputMode,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  suggestions?: string[];
  placeholder?: string;
  isInvalid?: boolean;
  inputMode?: "decimal" | "numeric";
}) {
  const listId = useId();
  return (
    <>
      <input
        aria-label={label}
        aria-invalid={isInvalid || undefined}
        value={value}
        placeholder={placeholder}
        inputMode={inputMode}
        list={suggestions.length ? listId : undefined}
        onChange={(event) => onChange(event.target.value)}
        className={cn(controlClass(isInvalid), inputMode ? "w-28" : "w-44")}
      />
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
    </>
  );
}

/**
 * Several values as removable chips: Enter or a comma adds what was typed,
 * Backspace in the empty input removes the last one, a pasted list splits.
 */
export function TokenInput({
  values,
  onChange,
  label,
  suggestions = [],
  placeholder = "add a value…",
  isInvalid,
  inputMode,
}: {
  values: string[];
  onChange: (values: string[]) => void;
  label: string;
  suggestions?: string[];
  placeholder?: string;
  isInvalid?: boolean;
  inputMode?: "decimal";
}) {
  const [text, setText] = useState("");
  const listId = useId();
  const add = (entries: string[]) => {
    const fresh = entries
      .map((entry) => entry.trim())
      .filter((entry) => entry && !values.includes(entry));
    if (fresh.length) onChange([...values, ...fresh]);
    setText("");
  };
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if ((event.key === "Enter" || event.key === ",") && text.trim()) {
      event.preventDefault();
      add([text]);
    } else if (event.key === "Backspace" && !text && values.length) {
      onChange(values.slice(0, -1));
    }
  }
  function onPaste(event: ClipboardEvent<HTMLInputElement>) {
    const pasted = event.clipboardData.getData("text");
    if (!/[,\n]/.test(pasted)) return;
    event.preventDefault();
    add(pasted.split(/[,\n]/));
  }
  return (
    <div
      className={cn(
        controlClass(isInvalid),
        "flex min-w-56 max-w-md flex-wrap items-center gap-1 py-1 focus-within:ring-2 focus-within:ring-brand-500",
      )}
    >
      {values.map((value) => (
        <span
          key={value}
          className="inline-flex items-center gap-1 rounded bg-slate-100 py-0.5 pr-0.5 pl-1.5 text-xs font-medium text-slate-700"
        >
          {value}
          <button
            type="button"
            aria-label={`Remove ${value}`}
            onClick={() => onChange(values.filter((entry) => entry !== value))}
            className="rounded px-1 text-slate-400 hover:bg-slate-200 hover:text-slate-700"
          >
            ×
          </button>
        </span>
      ))}
      <input
        aria-label={label}
        aria-invalid={isInvalid || undefined}
        value={text}
        inputMode={inputMode}
        list={suggestions.length ? listId : undefined}
        placeholder={values.length ? "" : placeholder}
        onChange={(event) => {
          const typed = event.target.value;
          // Picking from the suggestions fills the input in one go: take it as a value.
          if (suggestions.includes(typed) && typed.length - text.length > 1) add([typed]);
          else setText(typed);
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={() => text.trim() && add([text])}
        className="min-w-20 flex-1 border-0 bg-transparent p-0.5 text-sm focus:ring-0 focus:outline-none"
      />
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions
            .filter((suggestion) => !values.includes(suggestion))
            .map((suggestion) => (
              <option key={suggestion} value={suggestion} />
            ))}
        </datalist>
      )}
    </div>
  );
}

const unitLabels: Record<TimeUnit, string> = { hours: "hours", days: "days", weeks: "weeks" };

export function RelativeAmount({
  amount,
  unit,
  onChange,
  label,
  isInvalid,
  suffix,
}: {
  amount: string;
  unit: TimeUnit;
  onChange: (patch: { amount?: string; unit?: TimeUnit }) => void;
  label: string;
  isInvalid?: boolean;
  suffix?: string;
}) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <input
        type="number"
        min={1}
        aria-label={`${label}: how many`}
        aria-invalid={isInvalid || undefined}
        value={amount}
        onChange={(event) => onChange({ amount: event.target.value })}
        className={cn(controlClass(isInvalid), "w-20")}
      />
      <select
        aria-label={`${label}: unit`}
        value={unit}
        onChange={(event) => onChange({ unit: event.target.value as TimeUnit })}
        className={cn(controlClass(), "pr-8")}
      >
        {(Object.keys(unitLabels) as TimeUnit[]).map((option) => (
          <option key={option} value={option}>
            {unitLabels[option]}
          </option>
        ))}
      </select>
      {suffix && <span className="text-sm text-slate-500">{suffix}</span>}
    </span>
  );
}

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar picker for a day; a saved date-time stays editable as text. */
export function DateValue({
  value,
  onChange,
  label,
  isInvalid,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  isInvalid?: boolean;
}) {
  const isDay = value === "" || dateOnly.test(value);
  return (
    <input
      type={isDay ? "date" : "text"}
      aria-label={label}
      aria-invalid={isInvalid || undefined}
      value={value}
      placeholder="2025-05-01T10:00Z"
      onChange={(event) => onChange(event.target.value)}
      className={cn(controlClass(isInvalid), "w-40")}
    />
  );
}

/** When an event or push counts: ever, in the last N units, or between two days. */
export function WindowEditor({
  window,
  onChange,
  label,
  errorAt,
}: {
  window: WindowDraft;
  onChange: (window: WindowDraft) => void;
  label: string;
  errorAt: (field: string) => boolean;
}) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <select
        aria-label={`${label}: when`}
        value={window.kind}
        onChange={(event) =>
          onChange({ ...window, kind: event.target.value as WindowDraft["kind"] })
        }
        className={cn(controlClass(), "pr-8")}
      >
        <option value="ever">ever</option>
        <option value="last">in the last</option>
        <option value="between">between</option>
      </select>
      {window.kind === "last" && (
        <RelativeAmount
          amount={window.amount}
          unit={window.unit}
          label={label}
          isInvalid={errorAt("within.amount")}
          onChange={(patch) => onChange({ ...window, ...patch })}
        />
      )}
      {window.kind === "between" && (
        <>
          <DateValue
            value={window.from}
            label={`${label}: from`}
            isInvalid={errorAt("within.from")}
            onChange={(from) => onChange({ ...window, from })}
          />
          <span className="text-sm text-slate-500">and</span>
          <DateValue
            value={window.to}
            label={`${label}: to`}
            isInvalid={errorAt("within.to")}
            onChange={(to) => onChange({ ...window, to })}
          />
        </>
      )}
    </span>
  );
}
