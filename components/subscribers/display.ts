import type { BadgeTone } from "@/components/ui/badge";
import type { DeviceDto } from "@/lib/devices/schemas";
import type { MessageOutcome } from "@/lib/subscribers/profile-schemas";

// Client-safe labels and tones for the explorer: no server imports here.

export function subscriberName(subscriber: { id: string; externalId: string | null }): string {
  return subscriber.externalId ?? `Anonymous visitor #${subscriber.id}`;
}

export const platformLabels: Record<DeviceDto["platform"], string> = {
  ios: "iOS",
  android: "Android",
  web: "Web",
};

export const deviceStatus: Record<DeviceDto["status"], { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "green" },
  unsubscribed: { label: "Opted out", tone: "gray" },
  invalid: { label: "Invalid token", tone: "red" },
};

export const outcomeDisplay: Record<MessageOutcome, { label: string; tone: BadgeTone }> = {
  converted: { label: "Converted", tone: "green" },
  opened: { label: "Opened", tone: "blue" },
  dismissed: { label: "Dismissed", tone: "gray" },
  delivered: { label: "Delivered", tone: "blue" },
  sent: { label: "Sent", tone: "gray" },
  pending: { label: "Sending", tone: "yellow" },
  failed: { label: "Failed", tone: "red" },
  skipped: { label: "Skipped", tone: "yellow" },
  expired: { label: "Expired", tone: "yellow" },
  canceled: { label: "Canceled", tone: "gray" },
};

/** `token_dead` → "token dead": reasons are snake_case codes. */
export function humanizeReason(reason: string): string {
  return reason.replace(/_/g, " ");
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** "United Kingdom" for GB; English everywhere, so the server and the browser agree. */
export function countryName(country: string | null): string | null {
  if (!country) return null;
  try {
    return regionNames.of(country) ?? country;
  } catch {
    return country;
  }
}

export function formatAttributeValue(value: string | number | boolean): string {
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return value.toLocaleString();
  return value;
}

const currency = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: number, currencyCode: string | null): string {
  if (!currencyCode) return amount.toLocaleString(undefined, { maximumFractionDigits: 2 });
  let format = currency.get(currencyCode);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: "currency", currency: currencyCode });
    currency.set(currencyCode, format);
  }
  return format.format(amount);
}
