"use client";

import { useEffect, useState } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";

/** How a server records a subscriber's choices: the preference center's API. */
export function PreferenceCenterExample() {
  // The public URL is whatever the browser used; read after mount to match the server render.
  const [origin, setOrigin] = useState("https://herald.example.com");
  useEffect(() => setOrigin(window.location.origin), []);
  const command = `curl -X PUT ${origin}/api/v1/subscribers/user-42/preferences \\
  -H "Authorization: Bearer <key with the ingest scope>" \\
  -H "Content-Type: application/json" \\
  -d '{"preferences": {"deals": false, "order-updates": true}}'`;
  return (
    <Card>
      <CardHeader
        title="Preference center"
        description="Record choices from your own settings page; null forgets one and the default applies again. GET the same URL to show them."
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
