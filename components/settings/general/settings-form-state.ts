import type { AppDto } from "@/lib/apps/app-dto";

/** What the form edits: numbers stay strings while typed, so a cleared box is not a 0. */
export interface SettingsFormState {
  name: string;
  allowedOrigins: string[];
  defaultTimezone: string;
  marketingPerDay: string;
  marketingPerWeek: string;
  isTransactionalCapped: boolean;
  transactionalPerDay: string;
  hasQuietHours: boolean;
  quietStartHour: number;
  quietEndHour: number;
  attributionWindowHours: string;
}

export function formStateOf(app: AppDto): SettingsFormState {
  return {
    name: app.name,
    allowedOrigins: app.allowedOrigins,
    defaultTimezone: app.defaultTimezone,
    marketingPerDay: String(app.frequencyCaps.marketingPerDay),
    marketingPerWeek: String(app.frequencyCaps.marketingPerWeek),
    isTransactionalCapped: app.frequencyCaps.transactionalPerDay !== null,
    transactionalPerDay: String(app.frequencyCaps.transactionalPerDay ?? 100),
    hasQuietHours: app.quietHours !== null,
    quietStartHour: app.quietHours?.startHour ?? 22,
    quietEndHour: app.quietHours?.endHour ?? 8,
    attributionWindowHours: String(app.attributionWindowHours),
  };
}

/** The PATCH body. An empty number box is sent as null, so the server names the field instead of saving 0. */
export interface SettingsUpdateBody {
  name: string;
  allowedOrigins: string[];
  defaultTimezone: string;
  frequencyCaps: {
    marketingPerDay: number | null;
    marketingPerWeek: number | null;
    transactionalPerDay: number | null;
  };
  quietHours: { startHour: number; endHour: number } | null;
  attributionWindowHours: number | null;
}

function toNumber(value: string): number | null {
  return value.trim() === "" ? null : Number(value);
}

export function updateBodyOf(state: SettingsFormState): SettingsUpdateBody {
  return {
    name: state.name,
    allowedOrigins: state.allowedOrigins,
    defaultTimezone: state.defaultTimezone,
    frequencyCaps: {
      marketingPerDay: toNumber(state.marketingPerDay),
      marketingPerWeek: toNumber(state.marketingPerWeek),
      transactionalPerDay: state.isTransactionalCapped ? toNumber(state.transactionalPerDay) : null,
    },
    quietHours: state.hasQuietHours
      ? { startHour: state.quietStartHour, endHour: state.quietEndHour }
      : null,
    attributionWindowHours: toNumber(state.attributionWindowHours),
  };
}

export function timeZoneOptions(current: string): string[] {
  const zones = new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);
  zones.add(current);
  return [...zones];
}

export const hourLabels = Array.from(
  { length: 24 },
  (_, hour) => `${String(hour).padStart(2, "0")}:00`,
);
