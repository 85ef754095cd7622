"use client";

import { cn } from "@/components/ui/cn";

/** A row of toggle buttons picking which metric a chart shows. */
export function MetricSwitch<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly { id: T; label: string }[];
  value: T;
  onChange: (id: T) => void;
}) {
  return (
    <fieldset
      aria-label={label}
      className="m-0 inline-flex min-w-0 flex-wrap gap-1 rounded-lg border-0 bg-slate-100 p-1"
    >
      {options.map((option) => (
        <button
          key={option.id}
          type="button"
          aria-pressed={option.id === value}
          onClick={() => onChange(option.id)}
          className={cn(
            "rounded-md px-2.5 py-1 text-xs font-medium",
            option.id === value
              ? "bg-white text-slate-900 shadow-sm"
              : "text-slate-600 hover:text-slate-900",
          )}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );
}
