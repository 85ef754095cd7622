import apn from "@parse/node-apn";
import type { ApnsSecret } from "@/lib/credentials/schemas";
import { logger } from "@/lib/logger";
import { classifyApnsAnswer, classifyNetworkFailure } from "./classify";
import { platformLimits } from "./limits";
import { payloadRejected, type SendOutcome, tokenDead } from "./outcome";
import type { ApnsPayload } from "./payloads";
import {
  defaultSendTimeoutMs,
  type PushTransport,
  type TokenDevice,
  type TransportOptions,
} from "./transport";

// Apple: refresh the provider token no more than once every 20 minutes
// (else 429 TooManyProviderTokenUpdates) and at least once an hour.
const minTokenRefreshIntervalMs = 20 * 60 * 1000;

interface NodeApnToken {
  regenerate(generation: number): void;
}

/**
 * node-apn renews its JWT after 55 minutes (within Apple's hour) but also
 * after every ExpiredProviderToken answer, however recent the last renewal;
 * this holds renewals to Apple's one per 20 minutes.
 */
function limitTokenRefreshes(provider: apn.Provider): void {
  const token = (provider as unknown as { client?: { config?: { token?: NodeApnToken } } }).client
    ?.config?.token;
  if (!token || typeof token.regenerate !== "function") {
    logger.warn("node-apn internals changed: provider token renewals are not rate-limited");
    return;
  }
  const regenerate = token.regenerate.bind(token);
  let renewedAt = Date.now();
  token.regenerate = (generation: number) => {
    if (Date.now() - renewedAt < minTokenRefreshIntervalMs) return;
    renewedAt = Date.now();
    regenerate(generation);
  };
}

const deviceTokenPattern = /^[0-9a-fA-F]{8,400}$/;

/**
 * APNs through @parse/node-apn: one HTTP/2 connection per credential with
 * every send multiplexed on it, token (JWT) authentication. node-apn's own
 * retries are off: the send queue retries with its own backoff.
 */
export function createApnsTransport(
  secret: ApnsSecret,
  options: TransportOptions,
): PushTransport<"ios"> {
  const gateway = options.gateway;
  const provider = new apn.Provider({
    token: { key: secret.privateKey, keyId: secret.keyId, teamId: secret.teamId },
    production: secret.production,
    requestTimeout: options.timeoutMs ?? defaultSendTimeoutMs,
    connectionRetryLimit: 0,
    ...(gateway
      ? {
          // node-apn needs the bare address and the port apart ("host:port" does not work).
          address: gateway.url.hostname.replace(/^\[|\]$/g, ""),
          port: Number(gateway.url.port || 443),
          ca: [gateway.ca],
        }
      : {}),
  });
  limitTokenRefreshes(provider);

  return {
    platform: "ios",
    async send(device: TokenDevice, payload: ApnsPayload): Promise<SendOutcome> {
      if (!deviceTokenPattern.test(device.token)) return tokenDead("BadDeviceToken", null);
      // `bytes` comes from the builder: serialising again per send would double the cost.
      if (payload.bytes > platformLimits.ios.payloadBytes) {
        return payloadRejected(`payload_too_large: ${payload.bytes} bytes`, null);
      }
      const notification = new apn.Notification();
      notification.rawPayload = payload.payload;
      notification.topic = secret.bundleId;
      notification.pushType = payload.pushType;
      notification.priority = payload.priority;
      if (payload.expiration !== undefined) notification.expiry = payload.expiration;
      if (payload.collapseId) notification.collapseId = payload.collapseId;
      try {
        const { sent, failed } = await provider.send(notification, device.token);
        const success = sent[0] as { "apns-id"?: string } | undefined;
        if (success) return { kind: "accepted", providerMessageId: success["apns-id"] ?? null };
        const failure = failed[0];
        if (failure && typeof failure.status === "number") {
          return classifyApnsAnswer({
            status: failure.status,
            // node-apn moves ExpiredProviderToken into `error`, and replaces a
            // 500's InternalServerError with its own message.
            reason:
              failure.response?.reason ??
              (failure.status === 500 ? "InternalServerError" : (failure.error?.message ?? null)),
            timestamp: failure.response?.timestamp ?? null,
          });
        }
        return classifyNetworkFailure(failure?.error?.message ?? "no answer from APNs");
      } catch (error) {
        // A GOAWAY or reset session surfaces as a throw: the next send reconnects.
        return classifyNetworkFailure(error instanceof Error ? error.message : String(error));
      }
    },
    async close() {
      await new Promise<void>((resolve) => provider.shutdown(resolve));
    },
  };
}
