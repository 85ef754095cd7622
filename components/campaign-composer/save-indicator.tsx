"use client";

import { useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { SaveStatus } from "./use-draft-autosave";

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function savedLabel(at: number | null, now: number): string {
  if (at === null) return "Saved";
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 10) return "Saved";
  if (seconds < 60) return "Saved seconds ago";
  const minutes = Math.round(seconds / 60);
  return `Saved ${minutes} min ago`;
}

/** Where the draft stands: the small line marketers glance at before closing the tab. */
export function SaveIndicator({
  status,
  hasVisibleErrors,
}: {
  status: SaveStatus;
  hasVisibleErrors: boolean;
}) {
  const now = useNow(15_000);
  const [dotClass, label] = (() => {
    switch (status.kind) {
      case "unsaved":
        return ["bg-slate-300", "Not saved yet"] as const;
      case "pending":
        return ["bg-amber-400", "Unsaved changes"] as const;
      case "saving":
        return ["animate-pulse bg-brand-500", "Saving…"] as const;
      case "saved":
        return ["bg-emerald-500", savedLabel(status.at, now)] as const;
      case "invalid":
        return [
          "bg-amber-500",
          hasVisibleErrors
            ? `Not saved: fix ${status.problems} highlighted field${status.problems === 1 ? "" : "s"}`
            : "Add a title or a message to save this draft",
        ] as const;
      case "failed":
        return ["bg-red-500", `Not saved: ${status.message}`] as const;
      case "locked":
        return ["bg-red-500", status.message] as const;
    }
  })();
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="save-status"
      className={cn(
        "flex min-w-0 items-center gap-2 text-sm",
        status.kind === "failed" || status.kind === "locked" ? "text-red-700" : "text-slate-600",
      )}
    >
      <span aria-hidden="true" className={cn("size-2 shrink-0 rounded-full", dotClass)} />
      <span className="truncate">{label}</span>
    </p>
  );
}
