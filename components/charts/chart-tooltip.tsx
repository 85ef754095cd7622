"use client";

import type { TooltipContentProps } from "recharts";
import { formatValue, type ValueFormat } from "./chart-format";

export interface TooltipSeries {
  key: string;
  label: string;
  color: string;
  format: ValueFormat;
}

/**
 * The tooltip every chart uses: a title and one line per series, undefined
 * values written "—" (recharts would otherwise leave the line out).
 */
export function ChartTooltip({
  active,
  payload,
  series,
  title,
}: Pick<TooltipContentProps, "active" | "payload"> & {
  series: readonly TooltipSeries[];
  title: (row: Record<string, unknown>) => string;
}) {
  const row = payload?.[0]?.payload as Record<string, unknown> | undefined;
  if (!active || !row) return null;
  return (
    <div className="rounded-md bg-white px-3 py-2 text-xs shadow-lg ring-1 ring-slate-200">
      <p className="mb-1 font-medium text-slate-900">{title(row)}</p>
      <ul className="space-y-0.5">
        {series.map((entry) => {
          const value = row[entry.key];
          return (
            <li key={entry.key} className="flex items-center gap-2 text-slate-600">
              <span
                aria-hidden="true"
                className="size-2 rounded-full"
                style={{ backgroundColor: entry.color }}
              />
              <span className="flex-1">{entry.label}</span>
              <span className="font-medium tabular-nums text-slate-900">
                {formatValue(typeof value === "number" ? value : null, entry.format)}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
