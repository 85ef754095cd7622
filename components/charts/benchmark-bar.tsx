import { cn } from "@/components/ui/cn";

/**
 * A value on a 0–`max` scale with the healthy range shaded: where a rate
 * stands against DESIGN.md's industry range at a glance.
 */
export function BenchmarkBar({
  value,
  low,
  high,
  max = 100,
  label,
}: {
  value: number | null;
  low: number | null;
  high: number | null;
  max?: number;
  label: string;
}) {
  const scale = (point: number) => `${Math.min(100, Math.max(0, (point / max) * 100))}%`;
  const isOutside =
    value !== null && ((low !== null && value < low) || (high !== null && value > high));
  return (
    <div
      className="relative h-2.5 w-full min-w-24 rounded-full bg-slate-100"
      role="img"
      aria-label={label}
    >
      {(low !== null || high !== null) && (
        <div
          className="absolute inset-y-0 min-w-1 rounded-full bg-emerald-300"
          style={{ left: scale(low ?? 0), right: `calc(100% - ${scale(high ?? max)})` }}
        />
      )}
      {value !== null && (
        <div
          className={cn(
            "absolute -top-1 h-4 w-1 -translate-x-1/2 rounded-full",
            isOutside ? "bg-amber-500" : "bg-emerald-600",
          )}
          style={{ left: scale(value) }}
        />
      )}
    </div>
  );
}
