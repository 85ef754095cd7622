"use client";

import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import type { ApiKeyDto } from "@/lib/api-keys/api-keys";

/** The full key, shown exactly once after creation: only its hash is kept. */
export function NewKeyReveal({
  apiKey,
  secret,
  onDone,
}: {
  apiKey: ApiKeyDto;
  secret: string;
  onDone: () => void;
}) {
  return (
    <div
      role="status"
      aria-live="polite"
      className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-300"
      data-testid="new-api-key"
    >
      <div>
        <p className="text-sm font-semibold text-amber-900">
          Copy your new key “{apiKey.name}” now
        </p>
        <p className="text-sm text-amber-900/80">
          This is the only time it is shown. Herald keeps only a hash, so a lost key cannot be
          recovered: you would create a new one.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <code
          className="min-w-0 flex-1 break-all rounded-md bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-amber-300"
          data-testid="new-api-key-value"
        >
          {secret}
        </code>
        <CopyButton value={secret} label="Copy key" />
      </div>
      <Button variant="secondary" size="sm" onClick={onDone}>
        I have stored it safely
      </Button>
    </div>
  );
}
