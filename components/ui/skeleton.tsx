import { cn } from "./cn";

/** A grey placeholder shown while data loads. */
export function Skeleton({ className }: { className?: string }) {
  return (
    <div aria-hidden="true" className={cn("animate-pulse rounded-md bg-slate-200/80", className)} />
  );
}

/** A few placeholder rows with a screen-reader announcement. */
export function LoadingRows({ rows = 3, label = "Loading…" }: { rows?: number; label?: string }) {
  return (
    <div className="space-y-3 px-5 py-4" role="status">
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders never reorder
        <Skeleton key={index} className={cn("h-5", index % 2 ? "w-2/3" : "w-full")} />
      ))}
    </div>
  );
}
