"use client";

import { type ClipboardEvent, type KeyboardEvent, useId, useState } from "react";
import { cn } from "@/components/ui/cn";

// Event names as a marketer picks them: the names this app has received are
// offered as they type, and any other name can be typed (an event the app
// will start sending tomorrow is still a valid trigger).

const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500";
const maxOptions = 8;

function matchesFor(text: string, suggestions: string[], exclude: string[]): string[] {
  const needle = text.trim().toLowerCase();
  return suggestions
    .filter((name) => !exclude.includes(name) && name.toLowerCase().includes(needle))
    .slice(0, maxOptions);
}

interface ComboboxProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** Enter or a click on a suggestion; the value is already set. */
  onPick?: (name: string) => void;
  suggestions: string[];
  exclude?: string[];
  placeholder?: string;
  describedBy?: string;
  isInvalid?: boolean;
  className?: string;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
  onPaste?: (event: ClipboardEvent<HTMLInputElement>) => void;
  onBlur?: () => void;
}

/**
 * A text box with a list of matching event names: arrow keys move through
 * the list, Enter takes the highlighted one, Escape closes it. Free text stays.
 */
export function EventNameCombobox({
  id,
  value,
  onChange,
  onPick,
  suggestions,
  exclude = [],
  placeholder,
  describedBy,
  isInvalid,
  className,
  onKeyDown,
  onPaste,
  onBlur,
}: ComboboxProps) {
  const [isOpen, setOpen] = useState(false);
  const [highlighted, setHighlighted] = useState(-1);
  const options = matchesFor(value, suggestions, exclude);
  const isShown = isOpen && options.length > 0 && !(options.length === 1 && options[0] === value);
  const listId = `${id}-events`;

  function pick(name: string) {
    onChange(name);
    onPick?.(name);
    setOpen(false);
    setHighlighted(-1);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      setOpen(true);
      setHighlighted((index) => (index + 1) % options.length);
      return;
    }
    if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      setOpen(true);
      setHighlighted((index) => (index <= 0 ? options.length - 1 : index - 1));
      return;
    }
    if (event.key === "Enter" && isShown && options[highlighted]) {
      event.preventDefault();
      pick(options[highlighted] ?? "");
      return;
    }
    if (event.key === "Escape" && isShown) {
      // Closes the list only; a dialog around it stays open.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      return;
    }
    onKeyDown?.(event);
  }

  return (
    <div className="relative min-w-0 flex-1">
      <input
        id={id}
        role="combobox"
        aria-expanded={isShown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={
          isShown && options[highlighted] ? `${listId}-${highlighted}` : undefined
        }
        aria-describedby={describedBy}
        aria-invalid={isInvalid || undefined}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        onChange={(event) => {
          onChange(event.target.value);
          setOpen(true);
          setHighlighted(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          onBlur?.();
        }}
        onKeyDown={handleKeyDown}
        onPaste={onPaste}
        className={cn(
          inputClass,
          "font-mono",
          isInvalid ? "ring-red-400 focus:ring-red-500" : "ring-slate-300",
          className,
        )}
      />
      {isShown && (
        <div
          id={listId}
          role="listbox"
          aria-label="Events this app has received"
          className="absolute z-20 mt-1 max-h-56 w-full overflow-y-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
        >
          {options.map((name, index) => (
            <div
              key={name}
              id={`${listId}-${index}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === highlighted}
              // Before the input's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(name);
              }}
              className={cn(
                "cursor-pointer px-3 py-1.5 font-mono text-xs",
                index === highlighted ? "bg-brand-50 text-brand-700" : "text-slate-700",
              )}
            >
              {name}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/**
 * Several event names as removable chips: Enter, a comma or leaving the box
 * adds what was typed; Backspace in the empty box removes the last one.
 */
export function EventChipsInput({
  id,
  values,
  onChange,
  suggestions,
  describedBy,
  isInvalid,
  placeholder = "Type an event, Enter to add",
  max,
}: {
  id: string;
  values: string[];
  onChange: (values: string[]) => void;
  suggestions: string[];
  describedBy?: string;
  isInvalid?: boolean;
  placeholder?: string;
  max: number;
}) {
  const [text, setText] = useState("");
  const chipsId = useId();
  const add = (names: string[]) => {
    const fresh = [
      ...new Set(names.map((name) => name.trim()).filter((name) => name && !values.includes(name))),
    ];
    if (fresh.length) onChange([...values, ...fresh]);
    setText("");
  };
  const isFull = values.length >= max;
  return (
    <div
      className={cn(
        "flex flex-wrap items-center gap-1.5 rounded-md bg-white px-2 py-1.5 shadow-sm ring-1 ring-inset focus-within:ring-2 focus-within:ring-brand-500",
        isInvalid ? "ring-red-400" : "ring-slate-300",
      )}
    >
      {values.length > 0 && (
        <ul id={chipsId} aria-label="Exit events" className="contents">
          {values.map((name) => (
            <li
              key={name}
              className="inline-flex items-center gap-1 rounded bg-slate-100 py-0.5 pr-0.5 pl-2 font-mono text-xs font-medium text-slate-700"
            >
              {name}
              <button
                type="button"
                aria-label={`Remove ${name}`}
                onClick={() => onChange(values.filter((entry) => entry !== name))}
                className="rounded px-1 text-slate-400 hover:bg-slate-200 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-500"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {!isFull && (
        <EventNameCombobox
          id={id}
          value={text}
          onChange={setText}
          onPick={(name) => add([name])}
          suggestions={suggestions}
          exclude={values}
          placeholder={values.length ? "Add another…" : placeholder}
          describedBy={
            [describedBy, values.length ? chipsId : undefined].filter(Boolean).join(" ") ||
            undefined
          }
          isInvalid={isInvalid}
          className="min-w-40 py-1 shadow-none ring-0 focus:ring-0"
          onKeyDown={(event) => {
            if ((event.key === "Enter" || event.key === ",") && text.trim()) {
              event.preventDefault();
              add([text]);
            } else if (event.key === "Enter") {
              event.preventDefault();
            } else if (event.key === "Backspace" && !text && values.length) {
              onChange(values.slice(0, -1));
            }
          }}
          onPaste={(event) => {
            const pasted = event.clipboardData.getData("text");
            if (!/[,\n]/.test(pasted)) return;
            event.preventDefault();
            add(pasted.split(/[,\n]/));
          }}
          onBlur={() => {
            if (text.trim()) add([text]);
          }}
        />
      )}
    </div>
  );
}
