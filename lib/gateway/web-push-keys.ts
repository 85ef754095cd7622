import {
  createECDH,
  createHmac,
  createSecretKey,
  type ECDH,
  hkdfSync,
  type KeyObject,
} from "node:crypto";
import { loadGatewaySeed } from "./state-dir";

export interface WebPushSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface SubscriptionKeys {
  /** The receiver's key pair as http_ece's `privateKey` uses it. */
  ecdh: Pick<ECDH, "computeSecret" | "getPublicKey">;
  publicKey: Buffer;
  authSecret: Buffer;
}

export const webPushPathPrefix = "/web/push/";
export const subscriptionIdPattern = /^[A-Za-z0-9_-]{1,200}$/;

// A P-256 multiplication costs tens of microseconds, so a million subscriptions
// would take a minute to mint if each had its own key pair. Subscriptions share
// a pool of derived key pairs instead and keep their own auth secret, which is
// still an RFC 8291 subscription for the sender and costs one HMAC to mint.
const keyPoolSize = 1024;

const hkdf = (seed: Buffer, salt: string, info: string, length: number) =>
  Buffer.from(hkdfSync("sha256", seed, salt, info, length));

/** Derives every subscription's keys from the gateway seed, so none are stored. */
export class WebPushKeyring {
  private readonly pool: (SubscriptionKeys | undefined)[] = new Array(keyPoolSize);
  private readonly macKey: KeyObject;

  constructor(private readonly seed: Buffer) {
    this.macKey = createSecretKey(seed);
  }

  keysFor(subscriptionId: string): SubscriptionKeys {
    // One HMAC-SHA256 under the seed (a PRF, as one HKDF-Expand block is)
    // yields both the pool slot and the auth secret: it runs on every push.
    const digest = createHmac("sha256", this.macKey)
      .update(`subscription:${subscriptionId}`)
      .digest();
    const pair = this.poolKey(digest.readUInt32BE(0) % keyPoolSize);
    return { ecdh: pair.ecdh, publicKey: pair.publicKey, authSecret: digest.subarray(4, 20) };
  }

  subscription(origin: string, subscriptionId: string): WebPushSubscription {
    if (!subscriptionIdPattern.test(subscriptionId)) {
      throw new Error(
        `Subscription id ${JSON.stringify(subscriptionId)} must be 1–200 characters of A-Z, a-z, 0-9, _ and -`,
      );
    }
    const keys = this.keysFor(subscriptionId);
    return {
      endpoint: `${origin}${webPushPathPrefix}${subscriptionId}`,
      keys: {
        p256dh: keys.publicKey.toString("base64url"),
        auth: keys.authSecret.toString("base64url"),
      },
    };
  }

  private poolKey(index: number): SubscriptionKeys {
    const existing = this.pool[index];
    if (existing) return existing;
    // A derived 32-byte string is a valid P-256 scalar unless it is 0 or ≥ n
    // (odds about 2^-32); the counter walks past such a value.
    for (let attempt = 0; ; attempt++) {
      const ecdh = createECDH("prime256v1");
      try {
        ecdh.setPrivateKey(hkdf(this.seed, `key-${index}-${attempt}`, "herald web-push p256", 32));
      } catch {
        continue;
      }
      const publicKey = ecdh.getPublicKey();
      // http_ece asks for the public key on every decrypt; serialising the point each time costs more than returning it.
      const receiver = {
        computeSecret: (otherPublicKey: NodeJS.ArrayBufferView) =>
          ecdh.computeSecret(otherPublicKey),
        getPublicKey: () => publicKey,
      } as Pick<ECDH, "computeSecret" | "getPublicKey">;
      const keys = { ecdh: receiver, publicKey, authSecret: Buffer.alloc(0) };
      this.pool[index] = keys;
      return keys;
    }
  }
}

const keyrings = new Map<string, WebPushKeyring>();

/**
 * Mints a web push subscription of a gateway without talking to it: the keys
 * derive from the state dir's seed, so a running gateway (of the same state
 * dir, at `origin`) decrypts what is sent to it. For seeds and benchmarks.
 */
export function mintWebSubscription(
  gateway: { stateDir: string; origin: string },
  subscriptionId: string,
): WebPushSubscription {
  let keyring = keyrings.get(gateway.stateDir);
  if (!keyring) {
    keyring = new WebPushKeyring(loadGatewaySeed(gateway.stateDir));
    keyrings.set(gateway.stateDir, keyring);
  }
  return keyring.subscription(gateway.origin, subscriptionId);
}
