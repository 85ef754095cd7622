"use client";

import type { ReactNode } from "react";
import { Button } from "./button";
import { CopyButton } from "./copy-button";

/** A secret shown exactly once after it is made: Herald keeps only a hash or a sealed copy. */
export function OneTimeSecret({
  heading,
  children,
  secret,
  copyLabel,
  testId,
  onDone,
}: {
  heading: string;
  /** Why this is the only chance to copy it, and where to keep it. */
  children: ReactNode;
  secret: string;
  copyLabel: string;
  /** The box's test id; the value's is `${testId}-value`. */
  testId: string;
  onDone: () => void;
}) {
  return (
    <div
      role="status"
      aria-live="polite"
      className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-300"
      data-testid={testId}
    >
      <div>
        <p className="text-sm font-semibold text-amber-900">{heading}</p>
        <p className="text-sm text-amber-900/80">{children}</p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <code
          className="min-w-0 flex-1 break-all rounded-md bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-amber-300"
          data-testid={`${testId}-value`}
        >
          {secret}
        </code>
        <CopyButton value={secret} label={copyLabel} />
      </div>
      <Button variant="secondary" size="sm" onClick={onDone}>
        I have stored it safely
      </Button>
    </div>
  );
}
