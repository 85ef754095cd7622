import type { App } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";
import { readSdkSettings, type SdkSettings } from "@/lib/sdk/sdk-settings";

export interface AppDto {
  id: string;
  publicId: string;
  name: string;
  allowedOrigins: string[];
  defaultTimezone: string;
  frequencyCaps: {
    marketingPerDay: number;
    marketingPerWeek: number;
    transactionalPerDay: number | null;
  };
  quietHours: { startHour: number; endHour: number } | null;
  attributionWindowHours: number;
  /** The web SDK's soft-ask, defaults filled in. */
  sdkSettings: SdkSettings;
  /** Whether the web SDK's logins need the app's server's signature, and whether it has a secret to sign with. */
  identityVerification: { required: boolean; hasSecret: boolean };
  isDemo: boolean;
  createdAt: string;
  /** The caller's role in this app; null for API keys. */
  role: Role | null;
}

export function toAppDto(app: App, role: Role | null): AppDto {
  return {
    id: app.id,
    publicId: app.publicId,
    name: app.name,
    allowedOrigins: app.allowedOrigins,
    defaultTimezone: app.defaultTimezone,
    frequencyCaps: {
      marketingPerDay: app.marketingCapPerDay,
      marketingPerWeek: app.marketingCapPerWeek,
      transactionalPerDay: app.transactionalCapPerDay,
    },
    quietHours:
      app.quietHoursStart !== null && app.quietHoursEnd !== null
        ? { startHour: app.quietHoursStart, endHour: app.quietHoursEnd }
        : null,
    attributionWindowHours: app.attributionWindowHours,
    sdkSettings: readSdkSettings(app.sdkSettings),
    identityVerification: {
      required: app.requireIdentityVerification,
      hasSecret: app.identitySecret !== null,
    },
    isDemo: app.isDemo,
    createdAt: app.createdAt.toISOString(),
    role,
  };
}
