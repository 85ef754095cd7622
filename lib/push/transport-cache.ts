import { createHash } from "node:crypto";
import { type CredentialSecret, loadCredentialSecret } from "@/lib/credentials/credentials";
import type { ApnsSecret, FcmSecret, WebPushSecret } from "@/lib/credentials/schemas";
import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { getEnv } from "@/lib/env";
import { createApnsTransport } from "./apns-transport";
import { createFcmTransport } from "./fcm-transport";
import { readPushGatewayTarget } from "./gateway-target";
import { credentialFailed } from "./outcome";
import type { PushGatewayTarget } from "./push-agent";
import type { PushTransport, TransportOptions } from "./transport";
import { createWebPushTransport } from "./web-push-transport";

/** Builds the transport of one platform from its decrypted credential. */
export function createPushTransport<P extends Platform>(
  platform: P,
  secret: CredentialSecret<P>,
  options: TransportOptions,
): PushTransport<P> {
  switch (platform) {
    case "web":
      return createWebPushTransport(secret as WebPushSecret, options) as PushTransport<P>;
    case "android":
      return createFcmTransport(secret as FcmSecret, options) as PushTransport<P>;
    default:
      return createApnsTransport(secret as ApnsSecret, options) as PushTransport<P>;
  }
}

/**
 * A stored credential the library refuses (a key that does not parse, say)
 * is the credential's failure like any other: every send says so as an
 * outcome, and a corrected credential replaces it at the next recheck.
 */
function createTransportOrFailure<P extends Platform>(
  platform: P,
  secret: CredentialSecret<P>,
  options: TransportOptions,
): PushTransport<P> {
  try {
    return createPushTransport(platform, secret, options);
  } catch (error) {
    const reason = `unusable credential: ${error instanceof Error ? error.message : String(error)}`;
    return { platform, send: async () => credentialFailed(reason, null), close: async () => {} };
  }
}

export interface PushTransportCacheOptions {
  /** Defaults to HERALD_PUSH_GATEWAY_URL / HERALD_PUSH_GATEWAY_CA_FILE (null: the real services). */
  gateway?: PushGatewayTarget | null;
  timeoutMs?: number;
  maxSockets?: number;
  /** How often a cached transport re-reads its credential, to pick up a replaced one. */
  recheckMs?: number;
  /**
   * Whether an app's sends go to the gateway (when one is configured).
   * Defaults to HERALD_PUSH_GATEWAY_SCOPE: every app, or only demo apps so
   * that real credentials uploaded next to the demo reach the real services.
   */
  routesToGateway?: (appId: string) => Promise<boolean>;
  loadSecret?: <P extends Platform>(
    appId: string,
    platform: P,
  ) => Promise<CredentialSecret<P> | null>;
}

interface Built {
  transport: PushTransport;
  fingerprint: string;
}

interface Entry {
  built: Promise<Built | null>;
  checkedAt: number;
  recheck: Promise<Built | null> | null;
}

async function isDemoApp(appId: string): Promise<boolean> {
  const app = await getDb().app.findUnique({ where: { id: appId }, select: { isDemo: true } });
  return app?.isDemo ?? false;
}

const fingerprintOf = (secret: object) =>
  createHash("sha256").update(JSON.stringify(secret)).digest("hex");

/**
 * One transport per (app, platform), built on first use from the stored
 * credential and reused so connections and cached JWTs are shared by every
 * send job of the process. A replaced credential is noticed within
 * `recheckMs`; the old transport closes once its in-flight sends had time to end.
 */
export class PushTransportCache {
  private readonly entries = new Map<string, Entry>();
  /** Replaced transports, closed after a grace period (or by close()). */
  private readonly retired = new Set<PushTransport>();
  private readonly options: TransportOptions;
  private readonly recheckMs: number;
  private readonly loadSecret: NonNullable<PushTransportCacheOptions["loadSecret"]>;
  private readonly routesToGateway: (appId: string) => Promise<boolean>;

  constructor(options: PushTransportCacheOptions = {}) {
    this.options = {
      gateway: options.gateway === undefined ? readPushGatewayTarget(getEnv()) : options.gateway,
      timeoutMs: options.timeoutMs,
      maxSockets: options.maxSockets,
    };
    this.recheckMs = options.recheckMs ?? 60_000;
    this.loadSecret = options.loadSecret ?? loadCredentialSecret;
    this.routesToGateway =
      options.routesToGateway ??
      (getEnv().HERALD_PUSH_GATEWAY_SCOPE === "demo" ? isDemoApp : async () => true);
  }

  private async optionsFor(appId: string): Promise<TransportOptions> {
    if (!this.options.gateway || (await this.routesToGateway(appId))) return this.options;
    return { ...this.options, gateway: null };
  }

  /** The app's transport for `platform`, or null when the app has no such credential. */
  async get<P extends Platform>(appId: string, platform: P): Promise<PushTransport<P> | null> {
    const key = `${appId}:${platform}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { built: this.build(appId, platform), checkedAt: Date.now(), recheck: null };
      this.entries.set(key, entry);
      entry.built.catch(() => this.entries.delete(key));
    } else if (Date.now() - entry.checkedAt >= this.recheckMs) {
      entry.recheck ??= this.recheck(key, entry, appId, platform);
      await entry.recheck;
      entry = this.entries.get(key) ?? entry;
    }
    return ((await entry.built)?.transport as PushTransport<P> | undefined) ?? null;
  }

  /** Drops the cached transport (after a credential-failed outcome, say), closing it. */
  async invalidate(appId: string, platform: Platform): Promise<void> {
    const key = `${appId}:${platform}`;
    const entry = this.entries.get(key);
    this.entries.delete(key);
    const built = await entry?.built.catch(() => null);
    await built?.transport.close();
  }

  async close(): Promise<void> {
    const entries = [...this.entries.values()];
    const retired = [...this.retired];
    this.entries.clear();
    this.retired.clear();
    await Promise.all([
      ...entries.map(async (entry) => (await entry.built.catch(() => null))?.transport.close()),
      ...retired.map((transport) => transport.close()),
    ]);
  }

  private async build(appId: string, platform: Platform): Promise<Built | null> {
    const secret = await this.loadSecret(appId, platform);
    if (!secret) return null;
    return this.buildFrom(platform, secret, await this.optionsFor(appId));
  }

  private buildFrom(
    platform: Platform,
    secret: CredentialSecret<Platform>,
    options: TransportOptions,
  ): Built {
    return {
      transport: createTransportOrFailure(platform, secret, options),
      fingerprint: fingerprintOf(secret),
    };
  }

  private async recheck(
    key: string,
    entry: Entry,
    appId: string,
    platform: Platform,
  ): Promise<Built | null> {
    try {
      const current = await entry.built.catch(() => null);
      const secret = await this.loadSecret(appId, platform);
      entry.checkedAt = Date.now();
      if (secret && current && fingerprintOf(secret) === current.fingerprint) return current;
      const replacement: Entry = {
        built: Promise.resolve(
          secret ? this.buildFrom(platform, secret, await this.optionsFor(appId)) : null,
        ),
        checkedAt: Date.now(),
        recheck: null,
      };
      this.entries.set(key, replacement);
      if (current) {
        const graceMs = (this.options.timeoutMs ?? 10_000) + 1000;
        this.retired.add(current.transport);
        setTimeout(() => {
          if (this.retired.delete(current.transport)) void current.transport.close();
        }, graceMs).unref();
      }
      return replacement.built;
    } finally {
      entry.recheck = null;
    }
  }
}
