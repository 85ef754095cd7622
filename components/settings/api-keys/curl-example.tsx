"use client";

import { useEffect, useState } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";

/** A first request to try, with a placeholder where the key goes. */
export function CurlExample({ appId, keyPrefix }: { appId: string; keyPrefix: string | null }) {
  // The public URL is whatever the browser used to reach us; read after mount to match the server render.
  const [origin, setOrigin] = useState("https://herald.example.com");
  useEffect(() => setOrigin(window.location.origin), []);
  const placeholder = `${keyPrefix ?? "hk_xxxxxxxx"}…`;
  const command = `curl ${origin}/api/v1/apps/${appId} \\\n  -H "Authorization: Bearer ${placeholder}"`;
  return (
    <Card>
      <CardHeader
        title="Try it"
        description="Reads this app's settings; needs a key with the read scope. Paste your full key over the placeholder."
        actions={<CopyButton value={command} label="Copy command" />}
      />
      <CardBody>
        <pre className="overflow-x-auto rounded-lg bg-slate-900 px-4 py-3 font-mono text-xs leading-relaxed text-slate-100">
          <code>{command}</code>
        </pre>
      </CardBody>
    </Card>
  );
}
