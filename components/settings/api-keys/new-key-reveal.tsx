"use client";

import { OneTimeSecret } from "@/components/ui/one-time-secret";
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
    <OneTimeSecret
      heading={`Copy your new key “${apiKey.name}” now`}
      secret={secret}
      copyLabel="Copy key"
      testId="new-api-key"
      onDone={onDone}
    >
      This is the only time it is shown. Herald keeps only a hash, so a lost key cannot be
      recovered: you would create a new one.
    </OneTimeSecret>
  );
}
