// Dates come from the API as ISO strings and are rendered only in the
// browser (react-query fetches client-side), so the viewer's locale and time
// zone apply without a hydration mismatch.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

export function formatDate(iso: string): string {
  return date.format(new Date(iso));
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 minutes ago", "yesterday", "just now". */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  for (const [index, [unit, size]] of units.entries()) {
    if (Math.abs(seconds) < size) continue;
    const value = Math.round(seconds / size);
    // 59.7 minutes rounds to 60: say "in 1 hour", as anyone would.
    const larger = units[index - 1];
    if (larger && Math.abs(value) * size >= larger[1]) {
      return relative.format(Math.round(seconds / larger[1]), larger[0]);
    }
    return relative.format(value, unit);
  }
  return "just now";
}
