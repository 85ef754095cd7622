import {
  formatCount,
  formatMoney,
  formatPerPush,
  formatRate,
  NOT_DEFINED,
} from "@/lib/analytics/format";

export type ValueFormat = "count" | "percent" | "money" | "perPush" | "seconds";

export const chartColors = {
  indigo: "#4f46e5",
  emerald: "#059669",
  amber: "#d97706",
  rose: "#e11d48",
  sky: "#0284c7",
  violet: "#7c3aed",
  slate: "#64748b",
} as const;

/** A value as the tooltip shows it. */
export function formatValue(value: number | null | undefined, format: ValueFormat): string {
  if (value === null || value === undefined || Number.isNaN(value)) return NOT_DEFINED;
  switch (format) {
    case "count":
      return formatCount(value);
    case "percent":
      return formatRate(value);
    case "money":
      return formatMoney(value);
    case "perPush":
      return formatPerPush(value);
    case "seconds":
      return `${formatCount(value)} s`;
  }
}

/** A shorter form for axis ticks. */
export function formatTick(value: number, format: ValueFormat): string {
  if (format === "percent") return `${Number(value.toFixed(1))} %`;
  if (format === "perPush") return value.toFixed(2);
  if (Math.abs(value) >= 1_000_000) return `${Number((value / 1_000_000).toFixed(1))}M`;
  if (Math.abs(value) >= 10_000) return `${Number((value / 1_000).toFixed(1))}k`;
  return formatCount(value);
}

/** A time bucket's key (local day, or UTC hour) as a short axis label and a full tooltip title. */
export function bucketLabels(
  key: string,
  granularity: "hour" | "day",
  timezone: string,
): { short: string; long: string } {
  if (granularity === "day") {
    const date = new Date(`${key}T12:00:00Z`);
    const short = new Intl.DateTimeFormat("en-US", {
      month: "short",
      day: "numeric",
      timeZone: "UTC",
    });
    const long = new Intl.DateTimeFormat("en-US", {
      weekday: "short",
      month: "short",
      day: "numeric",
      year: "numeric",
      timeZone: "UTC",
    });
    return { short: short.format(date), long: long.format(date) };
  }
  const date = new Date(key);
  const short = new Intl.DateTimeFormat("en-US", {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: timezone,
  });
  const long = new Intl.DateTimeFormat("en-US", {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: timezone,
    timeZoneName: "short",
  });
  return { short: short.format(date), long: long.format(date) };
}
