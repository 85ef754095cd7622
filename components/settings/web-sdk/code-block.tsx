"use client";

import { useState } from "react";

/** A snippet to paste, with a copy button named after it (several sit on one page). */
export function CodeBlock({
  code,
  label,
  testId,
}: {
  code: string;
  label: string;
  testId?: string;
}) {
  const [isCopied, setIsCopied] = useState(false);
  return (
    <figure className="overflow-hidden rounded-lg bg-slate-900 ring-1 ring-slate-800">
      <figcaption className="flex items-center justify-between gap-3 border-b border-slate-800 px-4 py-1.5">
        <span className="text-xs font-medium text-slate-300">{label}</span>
        <button
          type="button"
          aria-label={`Copy ${label}`}
          className="rounded-md px-2 py-1 text-xs font-medium text-slate-200 hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-brand-500"
          onClick={async () => {
            await navigator.clipboard?.writeText(code).catch(() => {});
            setIsCopied(true);
            setTimeout(() => setIsCopied(false), 1500);
          }}
        >
          {isCopied ? "Copied" : "Copy"}
        </button>
      </figcaption>
      <pre className="overflow-x-auto px-4 py-3 font-mono text-xs leading-relaxed text-slate-100">
        <code data-testid={testId}>{code}</code>
      </pre>
    </figure>
  );
}
