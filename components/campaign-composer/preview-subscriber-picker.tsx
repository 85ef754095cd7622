"use client";

import { useQuery } from "@tanstack/react-query";
import { type KeyboardEvent, useId, useState } from "react";
import { campaignKeys } from "@/components/campaigns/campaign-api";
import { cn } from "@/components/ui/cn";
import { api } from "@/lib/api-client";
import { useDebouncedValue } from "./use-debounced-value";

interface SubscriberMatch {
  id: string;
  externalId: string | null;
  attributes: Record<string, unknown>;
}

/**
 * "Preview as": a combobox over the app's subscribers by external id prefix.
 * Enter on text that matches nothing still tries it as an exact id, so the
 * preview works even where the subscriber list is not reachable.
 */
export function PreviewSubscriberPicker({
  appId,
  selected,
  onSelect,
  error,
}: {
  appId: string;
  selected: string | null;
  onSelect: (externalId: string | null) => void;
  error?: string;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [isOpen, setOpen] = useState(false);
  const [highlighted, setHighlighted] = useState(0);
  const query = useDebouncedValue(text.trim(), 250);
  const matches = useQuery({
    queryKey: campaignKeys.subscriberSearch(appId, query),
    queryFn: () =>
      api<{ data: SubscriberMatch[] }>(
        `/api/v1/subscribers?limit=6&q=${encodeURIComponent(query)}`,
        { appId },
      ),
    enabled: isOpen && query.length > 0,
    retry: false,
    staleTime: 30_000,
  });
  const options = (matches.data?.data ?? []).filter(
    (match): match is SubscriberMatch & { externalId: string } => Boolean(match.externalId),
  );

  function choose(externalId: string) {
    onSelect(externalId);
    setText("");
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      setOpen(true);
      setHighlighted((index) => (index + 1) % options.length);
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      setHighlighted((index) => (index - 1 + options.length) % options.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const option = isOpen ? options[highlighted] : undefined;
      if (option) choose(option.externalId);
      else if (text.trim()) choose(text.trim());
    } else if (event.key === "Escape") {
      setOpen(false);
    }
  }

  if (selected) {
    return (
      <div className="space-y-1">
        <p className="text-xs font-medium text-slate-600">Preview as</p>
        <div className="flex items-center justify-between gap-2 rounded-md bg-brand-50 px-3 py-1.5 text-sm ring-1 ring-inset ring-brand-100">
          <span
            className="truncate font-mono text-xs text-brand-700"
            data-testid="preview-subscriber"
          >
            {selected}
          </span>
          <button
            type="button"
            onClick={() => onSelect(null)}
            className="text-xs font-medium text-brand-700 hover:underline"
          >
            Clear<span className="sr-only"> preview subscriber</span>
          </button>
        </div>
        {error && (
          <p role="alert" className="text-xs font-medium text-red-600">
            {error}
          </p>
        )}
      </div>
    );
  }

  const listId = `${id}-list`;
  return (
    <div className="relative space-y-1">
      <label htmlFor={`${id}-input`} className="block text-xs font-medium text-slate-600">
        Preview as subscriber
      </label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-expanded={isOpen && options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={
          isOpen && options[highlighted] ? `${listId}-${highlighted}` : undefined
        }
        value={text}
        placeholder="Search by external id, Enter to pick"
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setHighlighted(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        className="block w-full rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500"
      />
      <p className="text-xs text-slate-500">
        Without a subscriber, the preview shows every fallback.
      </p>
      {isOpen && options.length > 0 && (
        <div
          id={listId}
          role="listbox"
          className="absolute z-20 mt-1 max-h-56 w-full overflow-y-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
        >
          {options.map((option, index) => (
            <div
              key={option.id}
              tabIndex={-1}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === highlighted}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(option.externalId);
              }}
              className={cn(
                "cursor-pointer px-3 py-1.5",
                index === highlighted ? "bg-brand-50 text-brand-700" : "text-slate-700",
              )}
            >
              <span className="font-mono text-xs">{option.externalId}</span>
              {typeof option.attributes.first_name === "string" && (
                <span className="ml-2 text-xs text-slate-500">{option.attributes.first_name}</span>
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
