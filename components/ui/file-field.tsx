"use client";

import { type ReactNode, useState } from "react";
import { Field } from "./field";

/**
 * A file picker that reads the chosen file as text in the browser, for
 * uploads that travel as a JSON string (a .p8 key, a service-account file).
 */
export function FileField({
  label,
  accept,
  hint,
  error,
  disabled,
  maxBytes = 64 * 1024,
  onText,
}: {
  label: string;
  accept?: string;
  hint?: ReactNode;
  error?: string;
  disabled?: boolean;
  maxBytes?: number;
  onText: (text: string, fileName: string) => void;
}) {
  const [readError, setReadError] = useState<string | null>(null);
  return (
    <Field label={label} hint={hint} error={readError ?? error}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="file"
          accept={accept}
          disabled={disabled}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            setReadError(null);
            if (!file) return;
            if (file.size > maxBytes) {
              setReadError(`${file.name} is larger than ${Math.round(maxBytes / 1024)} KB`);
              return;
            }
            const reader = new FileReader();
            reader.onload = () => onText(String(reader.result ?? ""), file.name);
            reader.onerror = () => setReadError(`Could not read ${file.name}`);
            reader.readAsText(file);
          }}
          className="block w-full cursor-pointer rounded-md text-sm text-slate-600 ring-1 ring-inset ring-slate-300 file:mr-3 file:cursor-pointer file:rounded-l-md file:border-0 file:bg-slate-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-60"
        />
      )}
    </Field>
  );
}
