"use client";

import { useEffect, useState } from "react";
import { formatDateTime, formatRelative } from "@/components/settings/format";

/**
 * "3 minutes ago", with the exact time on hover. The profile is rendered on
 * the server first, whose clock, locale and zone are not the viewer's: once
 * mounted, the browser renders it again in its own.
 */
export function TimeAgo({ iso, className }: { iso: string; className?: string }) {
  const [isMounted, setIsMounted] = useState(false);
  useEffect(() => setIsMounted(true), []);
  return (
    <time
      dateTime={iso}
      title={isMounted ? formatDateTime(iso) : undefined}
      className={className}
      suppressHydrationWarning
    >
      {formatRelative(iso)}
    </time>
  );
}
