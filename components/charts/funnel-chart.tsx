import { formatCount, formatRate } from "@/lib/analytics/format";

export interface FunnelStep {
  label: string;
  count: number;
  /** This step over the previous one (%), null for the first step or an empty previous step. */
  rate: number | null;
  rateLabel?: string;
  dropOff: number | null;
}

/**
 * Steps as bars scaled to the first step, each with its count, its rate from
 * the step before and what was lost on the way.
 */
export function FunnelChart({ steps, label }: { steps: readonly FunnelStep[]; label: string }) {
  const top = Math.max(1, steps[0]?.count ?? 0);
  return (
    <figure aria-label={label}>
      <ol className="space-y-3">
        {steps.map((step, index) => (
          <li key={step.label} data-testid={`funnel-${step.label.toLowerCase()}`}>
            <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <span className="font-medium text-slate-800">{step.label}</span>
              <span className="flex items-baseline gap-3 tabular-nums">
                <span className="font-semibold text-slate-900" data-testid="funnel-count">
                  {formatCount(step.count)}
                </span>
                {index > 0 && (
                  <span className="text-slate-500">
                    {step.rateLabel ?? "rate"}{" "}
                    <span className="font-medium text-slate-700" data-testid="funnel-rate">
                      {formatRate(step.rate)}
                    </span>
                  </span>
                )}
              </span>
            </div>
            <div className="h-3 rounded-full bg-slate-100">
              <div
                className="h-3 rounded-full bg-brand-500"
                style={{ width: `${Math.min(100, (step.count / top) * 100)}%` }}
              />
            </div>
            {index > 0 && step.dropOff !== null && step.dropOff > 0 && (
              <p className="mt-1 text-xs text-slate-500">
                {formatCount(step.dropOff)} lost since {steps[index - 1]?.label.toLowerCase()}
              </p>
            )}
          </li>
        ))}
      </ol>
    </figure>
  );
}
