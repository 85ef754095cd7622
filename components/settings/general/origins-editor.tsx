"use client";

import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ApiError } from "@/lib/api-client";
import { exactFieldError } from "../api-state";

const MAX_ORIGINS = 20;

/** The web SDK's allowed origins: one input per origin, errors per index (`allowedOrigins.1`). */
export function OriginsEditor({
  origins,
  onChange,
  error,
  disabled,
}: {
  origins: string[];
  onChange: (origins: string[]) => void;
  error: ApiError | null;
  disabled: boolean;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const listError = exactFieldError(error, "allowedOrigins");

  function add() {
    onChange([...origins, ""]);
    // Focus the new row once React has rendered it.
    requestAnimationFrame(() => {
      const inputs = listRef.current?.querySelectorAll("input");
      inputs?.[inputs.length - 1]?.focus();
    });
  }

  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Allowed origins</legend>
      <p className="text-xs text-slate-500">
        The web SDK answers only pages served from these origins, e.g. https://shop.example.com.
      </p>
      {origins.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-3 text-sm text-slate-500">
          No origins yet: the web SDK will refuse every site until you add one.
        </p>
      ) : (
        <ul ref={listRef} className="space-y-2">
          {origins.map((origin, index) => {
            const rowError = exactFieldError(error, `allowedOrigins.${index}`);
            const errorId = `origin-${index}-error`;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is the identity the server's errors use
              <li key={index}>
                <div className="flex gap-2">
                  <input
                    aria-label={`Allowed origin ${index + 1}`}
                    aria-invalid={rowError ? true : undefined}
                    aria-describedby={rowError ? errorId : undefined}
                    value={origin}
                    disabled={disabled}
                    placeholder="https://shop.example.com"
                    onChange={(event) =>
                      onChange(
                        origins.map((value, at) => (at === index ? event.target.value : value)),
                      )
                    }
                    className={cn(
                      "block w-full rounded-md border-0 px-3 py-2 font-mono text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 disabled:bg-slate-50 disabled:text-slate-500",
                      rowError && "ring-red-400",
                    )}
                  />
                  {!disabled && (
                    <Button
                      variant="secondary"
                      aria-label={`Remove ${origin || `origin ${index + 1}`}`}
                      onClick={() => onChange(origins.filter((_, at) => at !== index))}
                    >
                      Remove
                    </Button>
                  )}
                </div>
                {rowError && (
                  <p id={errorId} role="alert" className="mt-1 text-xs font-medium text-red-600">
                    {rowError}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {listError && (
        <p role="alert" className="text-xs font-medium text-red-600">
          {listError}
        </p>
      )}
      {!disabled && (
        <Button
          variant="secondary"
          size="sm"
          onClick={add}
          disabled={origins.length >= MAX_ORIGINS}
        >
          + Add origin
        </Button>
      )}
    </fieldset>
  );
}
