"use client";

import { useEffect, useState } from "react";
import { formatDateTime } from "@/components/settings/format";

/**
 * A moment in the viewer's own zone and locale, as the pages rendered in the
 * browser write it. A server-rendered page does not know the viewer's zone:
 * it shows UTC until the browser renders it again.
 */
export function LocalDateTime({ iso }: { iso: string }) {
  const [isMounted, setIsMounted] = useState(false);
  useEffect(() => setIsMounted(true), []);
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {isMounted ? formatDateTime(iso) : `${iso.slice(0, 16).replace("T", " ")} UTC`}
    </time>
  );
}
