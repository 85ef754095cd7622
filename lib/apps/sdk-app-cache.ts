import { getDb } from "@/lib/db/client";
import { createTtlCache } from "@/lib/ttl-cache";

/**
 * How long a process trusts what it read about an app for the SDK routes.
 * A change made through this process (allowed origins, SDK settings,
 * deleting the app) applies at once; through another
 * process, within this time.
 */
export const SDK_APP_CACHE_TTL_MS = 5_000;

export interface SdkApp {
  id: string;
  publicId: string;
  allowedOrigins: string[];
  sdkSettings: unknown;
  requireIdentityVerification: boolean;
  /** Sealed; opened only to check an identity hash. */
  identitySecret: string | null;
}

/** Null for a public id no app has. */
const apps = createTtlCache<SdkApp | null>({
  name: "sdk-apps",
  ttlMs: SDK_APP_CACHE_TTL_MS,
  maxEntries: 10_000,
  read: (publicId) =>
    getDb().app.findUnique({
      where: { publicId },
      select: {
        id: true,
        publicId: true,
        allowedOrigins: true,
        sdkSettings: true,
        requireIdentityVerification: true,
        identitySecret: true,
      },
    }),
});

/**
 * The app behind a public id, as the SDK routes need it. Every push a
 * browser shows sends a receipt, so this is read from memory for a few
 * seconds rather than from the database on each request.
 */
export function findSdkApp(publicId: string): Promise<SdkApp | null> {
  return apps.get(publicId);
}

/** After an app changed or was deleted: this process reads it afresh. */
export function forgetSdkApp(appId: string): void {
  apps.forget((app) => app?.id === appId);
}
