// How the dashboards write numbers, in one place so the browser test can
// format the API's figures the same way and compare them with the page.
// Undefined rates (an empty denominator) are "—", never 0 %.

const counts = new Intl.NumberFormat("en-US");
const rates = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const money = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const perPush = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 4,
  maximumFractionDigits: 4,
});

export const NOT_DEFINED = "—";

export function formatCount(value: number): string {
  return counts.format(value);
}

export function formatRate(value: number | null): string {
  return value === null ? NOT_DEFINED : `${rates.format(value)}%`;
}

/** Revenue sums amounts as sent with each purchase (one currency per app is assumed). */
export function formatMoney(value: number): string {
  return money.format(value);
}

export function formatPerPush(value: number | null): string {
  return value === null ? NOT_DEFINED : perPush.format(value);
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return NOT_DEFINED;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

export function formatRange(low: number | null, high: number | null, unit = "%"): string {
  if (low !== null && high !== null) return `${low}–${high}${unit}`;
  if (high !== null) return `below ${high}${unit}`;
  if (low !== null) return `above ${low}${unit}`;
  return NOT_DEFINED;
}

const reasonLabels: Record<string, string> = {
  frequency_cap: "Frequency cap",
  preference: "Topic preference off",
  quiet_hours: "Quiet hours",
  no_credential: "No credential for the platform",
  device_gone: "Device no longer active",
  token_dead: "Dead token",
  payload_rejected: "Payload rejected",
  credential_failed: "Credential failed",
  retries_exhausted: "Retries exhausted",
  ttl_expired: "Expired before sending (TTL)",
  campaign_canceled: "Campaign canceled",
  subscriber_erased: "Subscriber erased",
  retrying: "Retrying",
};

/** A delivery reason code as people read it; unknown codes are shown as they are. */
export function describeReason(reason: string): string {
  return reasonLabels[reason] ?? reason.replaceAll("_", " ");
}

export const platformLabels = { web: "Web", ios: "iOS", android: "Android" } as const;

export const categoryLabels = {
  transactional: "Transactional",
  triggered: "Triggered",
  marketing: "Marketing",
} as const;
