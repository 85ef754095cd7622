"use client";

import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { attributeOption, eventOption, type FieldOption, fieldGroups } from "./field-options";

function matches(option: FieldOption, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return (
    !needle ||
    option.label.toLowerCase().includes(needle) ||
    option.group.toLowerCase().includes(needle)
  );
}

/** Typed names the app has not sent yet can still be used. */
function customOptions(options: FieldOption[], query: string): FieldOption[] {
  const name = query.trim();
  if (!name) return [];
  const custom: FieldOption[] = [];
  if (!options.some((option) => option.id === `attribute:${name}`)) {
    const option = attributeOption(name, "string");
    custom.push({
      ...option,
      group: "Not seen yet",
      label: `Attribute “${name}”`,
      hint: "as text",
    });
  }
  if (!options.some((option) => option.id === `event:${name}`)) {
    custom.push({ ...eventOption(name), group: "Not seen yet", label: `Event “${name}”` });
  }
  return custom;
}

/**
 * Picks what a condition is about. A button that opens a searchable list
 * (the ARIA combobox pattern): type to filter, arrows to move, Enter to
 * pick, Escape to close; focus returns to the button.
 */
export function FieldPicker({
  options,
  selectedId,
  label,
  isInvalid = false,
  autoOpen = false,
  onPick,
}: {
  options: FieldOption[];
  selectedId: string | null;
  label: string;
  isInvalid?: boolean;
  autoOpen?: boolean;
  onPick: (option: FieldOption) => void;
}) {
  const [isOpen, setOpen] = useState(autoOpen);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();

  const visible = useMemo(() => {
    const found = options.filter((option) => matches(option, query));
    const withCustom = [...found, ...customOptions(options, query)];
    return fieldGroups.flatMap((group) => withCustom.filter((option) => option.group === group));
  }, [options, query]);

  useEffect(() => {
    if (!isOpen) return;
    inputRef.current?.focus();
    const closeOutside = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    // Focus going elsewhere without a click (Tab, or a box focused by script) closes it too.
    const closeOnFocusAway = (event: FocusEvent) => {
      const next = event.relatedTarget;
      if (next instanceof Node && !rootRef.current?.contains(next)) setOpen(false);
    };
    const root = rootRef.current;
    document.addEventListener("mousedown", closeOutside);
    root?.addEventListener("focusout", closeOnFocusAway);
    return () => {
      document.removeEventListener("mousedown", closeOutside);
      root?.removeEventListener("focusout", closeOnFocusAway);
    };
  }, [isOpen]);

  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [active, listId]);

  function open() {
    setQuery("");
    const selected = visible.findIndex((option) => option.id === selectedId);
    setActive(Math.max(0, selected));
    setOpen(true);
  }

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }

  function pick(option: FieldOption | undefined) {
    if (!option) return;
    onPick(option);
    close(true);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((index) => Math.min(visible.length - 1, index + 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((index) => Math.max(0, index - 1));
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      setActive(event.key === "Home" ? 0 : visible.length - 1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      pick(visible[active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "Tab") {
      close(false);
    }
  }

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="listbox"
        aria-expanded={isOpen}
        aria-label={`Field: ${label}`}
        onClick={() => (isOpen ? close(false) : open())}
        className={cn(
          "inline-flex max-w-56 items-center gap-1.5 rounded-md bg-white px-2.5 py-1.5 text-sm font-medium text-slate-900 shadow-sm ring-1 ring-inset hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500",
          isInvalid ? "ring-red-400" : "ring-slate-300",
        )}
      >
        <span className="truncate">{label}</span>
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          fill="currentColor"
          className="size-4 shrink-0 text-slate-400"
        >
          <path d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06Z" />
        </svg>
      </button>
      {isOpen && (
        <div className="absolute left-0 z-30 mt-1 w-80 overflow-hidden rounded-lg bg-white shadow-lg ring-1 ring-slate-200">
          <div className="border-b border-slate-100 p-2">
            <input
              ref={inputRef}
              role="combobox"
              aria-expanded="true"
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={visible[active] ? `${listId}-${active}` : undefined}
              aria-label="Search fields, attributes and events"
              placeholder="Search or type an attribute or event name…"
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                setActive(0);
              }}
              onKeyDown={onKeyDown}
              className="block w-full rounded-md border-0 bg-slate-50 px-2.5 py-1.5 text-sm text-slate-900 ring-1 ring-inset ring-slate-200 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500"
            />
          </div>
          <div
            id={listId}
            role="listbox"
            aria-label="Fields"
            className="max-h-72 overflow-y-auto py-1"
          >
            {visible.length === 0 && (
              <p className="px-3 py-2 text-sm text-slate-500">Nothing matches.</p>
            )}
            {fieldGroups.map((group) => {
              const members = visible
                .map((option, index) => ({ option, index }))
                .filter(({ option }) => option.group === group);
              if (!members.length) return null;
              const headingId = `${listId}-${group.replace(/\W+/g, "-")}`;
              return (
                // biome-ignore lint/a11y/useSemanticElements: a listbox groups its options with role="group", not a fieldset
                <div key={group} role="group" aria-labelledby={headingId}>
                  <p
                    id={headingId}
                    role="presentation"
                    className="px-3 pt-2 pb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-400"
                  >
                    {group}
                  </p>
                  {members.map(({ option, index }) => (
                    // biome-ignore lint/a11y/useKeyWithClickEvents: keys go to the combobox input, which points here with aria-activedescendant
                    <div
                      key={option.id}
                      id={`${listId}-${index}`}
                      role="option"
                      tabIndex={-1}
                      aria-selected={option.id === selectedId}
                      // Only a real pointer move: the browser also reports one when the list
                      // re-renders under a still pointer, which would steal the keyboard's place.
                      onMouseMove={(event) => {
                        if (event.movementX || event.movementY) setActive(index);
                      }}
                      onMouseDown={(event) => event.preventDefault()}
                      onClick={() => pick(option)}
                      className={cn(
                        "flex cursor-pointer items-center justify-between gap-3 px-3 py-1.5 text-sm",
                        index === active ? "bg-brand-50 text-brand-800" : "text-slate-700",
                      )}
                    >
                      <span className="truncate">
                        {option.label}
                        {option.id === selectedId && <span className="sr-only"> (current)</span>}
                      </span>
                      {option.hint && (
                        <span className="shrink-0 text-xs text-slate-400">{option.hint}</span>
                      )}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
