import { cn } from "./cn";

export interface ProgressSegment {
  label: string;
  value: number;
  /** Tailwind background class of the segment and its legend dot. */
  colorClass: string;
}

/**
 * A stacked bar (sent, failed, skipped… of a total) with its legend; the
 * accessible value is the share of the total that has an outcome.
 */
export function ProgressBar({
  label,
  total,
  segments,
  className,
}: {
  label: string;
  total: number;
  segments: ProgressSegment[];
  className?: string;
}) {
  const done = segments.reduce((sum, segment) => sum + segment.value, 0);
  const percent = total > 0 ? Math.min(100, (done / total) * 100) : 0;
  return (
    <div className={className}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.floor(percent)}
        aria-valuetext={`${Math.floor(percent)}% (${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")})`}
        className="flex h-3 w-full overflow-hidden rounded-full bg-slate-100 ring-1 ring-inset ring-slate-200"
      >
        {segments.map((segment) =>
          segment.value > 0 && total > 0 ? (
            <div
              key={segment.label}
              className={cn("h-full transition-[width] duration-500", segment.colorClass)}
              style={{ width: `${(segment.value / total) * 100}%` }}
            />
          ) : null,
        )}
      </div>
    </div>
  );
}
