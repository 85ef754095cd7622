// Numbers as marketers read them. Rendered in the browser only (react-query
// fetches client-side), so the viewer's locale applies without hydration drift.

import { formatRate } from "@/lib/analytics/format";

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });
const money = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : integer.format(value);
}

export function formatCompact(value: number): string {
  return value < 10_000 ? integer.format(value) : compact.format(value);
}

/**
 * A percentage already ×100 (the stats API's rates), or a 0–1 ratio with
 * `isRatio`, written as the analytics pages write rates, so one campaign's
 * open rate reads the same on every page.
 */
export function formatPercent(value: number | null | undefined, { isRatio = false } = {}): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return formatRate(isRatio ? value * 100 : value);
}

export function formatMoney(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : money.format(value);
}

export function formatBytes(bytes: number): string {
  return `${integer.format(bytes)} B`;
}

/** "about 3 minutes", "under a minute", "2 h 10 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return "under a minute";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 48) return `about ${hours} h${rest ? ` ${rest} min` : ""}`;
  return `about ${Math.round(hours / 24)} days`;
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`;
  if (minutes % (24 * 60) === 0) {
    const days = minutes / (24 * 60);
    return `${days} day${days === 1 ? "" : "s"}`;
  }
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    return `${hours} hour${hours === 1 ? "" : "s"}`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
