import { type ReactNode, useId } from "react";
import { cn } from "./cn";

export interface RadioCardOption<T extends string> {
  value: T;
  label: ReactNode;
  description?: ReactNode;
  disabled?: boolean;
}

/**
 * A choice among a few options shown as cards: native radio inputs inside
 * labels, so arrow keys, Space and screen readers behave as they should.
 */
export function RadioCards<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  columns = 2,
  disabled,
  error,
  hideLegend = false,
}: {
  legend: string;
  name: string;
  value: T;
  options: RadioCardOption<T>[];
  onChange: (value: T) => void;
  columns?: 1 | 2 | 3 | 4;
  disabled?: boolean;
  error?: string;
  hideLegend?: boolean;
}) {
  const id = useId();
  const columnClass = { 1: "", 2: "sm:grid-cols-2", 3: "sm:grid-cols-3", 4: "sm:grid-cols-4" }[
    columns
  ];
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className={cn("mb-1.5 text-sm font-medium text-slate-800", hideLegend && "sr-only")}>
        {legend}
      </legend>
      <div className={cn("grid gap-2", columnClass)}>
        {options.map((option) => {
          const isChecked = option.value === value;
          const isDisabled = disabled || option.disabled;
          return (
            <label
              key={option.value}
              className={cn(
                "relative flex cursor-pointer gap-3 rounded-lg px-3.5 py-3 text-sm ring-1 ring-inset transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500",
                isChecked
                  ? "bg-brand-50/60 ring-2 ring-brand-500"
                  : "bg-white ring-slate-200 hover:bg-slate-50",
                isDisabled && "cursor-not-allowed opacity-60",
              )}
            >
              <input
                type="radio"
                name={name}
                value={option.value}
                checked={isChecked}
                disabled={isDisabled}
                onChange={() => onChange(option.value)}
                className="mt-0.5 size-4 shrink-0 accent-brand-600 focus:outline-none"
              />
              <span className="min-w-0">
                <span className="block font-medium text-slate-900">{option.label}</span>
                {option.description && (
                  <span className="mt-0.5 block text-xs leading-5 text-slate-500">
                    {option.description}
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1.5 text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
