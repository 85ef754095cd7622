import { getDb } from "@/lib/db/client";

/**
 * How long a process trusts what it read about an app for the SDK routes.
 * A change made through this process (allowed origins, SDK settings, the
 * attribution window, deleting the app) applies at once; through another
 * process, within this time.
 */
export const SDK_APP_CACHE_TTL_MS = 5_000;

/** Unknown public ids are remembered too; past this many entries the oldest go. */
const MAX_ENTRIES = 10_000;

export interface SdkApp {
  id: string;
  publicId: string;
  allowedOrigins: string[];
  sdkSettings: unknown;
}

interface Entry {
  /** Null for a public id no app has. */
  app: SdkApp | null;
  loadedAt: number;
}

const globalForSdkApps = globalThis as unknown as { heraldSdkApps?: Map<string, Entry> };
// One map per process, also when Next loads this module in several bundles.
globalForSdkApps.heraldSdkApps ??= new Map();
const entries = globalForSdkApps.heraldSdkApps;
/** Reads in flight, so a burst of requests for an expired entry makes one query. */
const loading = new Map<string, Promise<SdkApp | null>>();

async function read(publicId: string): Promise<SdkApp | null> {
  const app = await getDb().app.findUnique({
    where: { publicId },
    select: {
      id: true,
      publicId: true,
      allowedOrigins: true,
      sdkSettings: true,
    },
  });
  entries.delete(publicId);
  if (entries.size >= MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(publicId, { app, loadedAt: Date.now() });
  return app;
}

/**
 * The app behind a public id, as the SDK routes need it. Every push a
 * browser shows sends a receipt, so this is read from memory for a few
 * seconds rather than from the database on each request.
 */
export function findSdkApp(publicId: string): Promise<SdkApp | null> {
  const entry = entries.get(publicId);
  if (entry && Date.now() - entry.loadedAt < SDK_APP_CACHE_TTL_MS) {
    return Promise.resolve(entry.app);
  }
  let pending = loading.get(publicId);
  if (!pending) {
    pending = read(publicId).finally(() => loading.delete(publicId));
    loading.set(publicId, pending);
  }
  return pending;
}

/** After an app changed or was deleted: this process reads it afresh. */
export function forgetSdkApp(appId: string): void {
  for (const [publicId, entry] of entries) {
    if (entry.app?.id === appId) entries.delete(publicId);
  }
}
