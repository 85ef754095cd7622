import webpush, { type RequestOptions } from "web-push";
import type { WebPushSecret } from "@/lib/credentials/schemas";
import { AppError } from "@/lib/errors";
import { classifyNetworkFailure, classifyWebPushAnswer } from "./classify";
import { Http2Sessions, Http2Unsupported } from "./http2-sessions";
import { platformLimits, utf8ByteLength } from "./limits";
import { payloadRejected, type SendOutcome, tokenDead } from "./outcome";
import type { WebPushPayload } from "./payloads";
import { PushAgent } from "./push-agent";
import {
  defaultSendTimeoutMs,
  type PushTransport,
  type TransportOptions,
  type WebPushDevice,
} from "./transport";

// RFC 8292 caps a VAPID JWT at 24 h; one made for 12 h and renewed an hour
// before it lapses is signed twice a day per push service instead of per send.
const vapidLifetimeSeconds = 12 * 60 * 60;
const vapidRenewBeforeSeconds = 60 * 60;

// web-push takes `vapidDetails: null` as "sign nothing for this call" (the
// header comes from the cache); @types/web-push leaves null out of the type.
const noLibraryVapid = { vapidDetails: null } as unknown as Pick<RequestOptions, "vapidDetails">;

interface CachedVapid {
  authorization: string;
  expiresAt: number;
}

/** Signs and caches one VAPID Authorization header per push-service origin. */
export class VapidHeaderCache {
  private readonly byOrigin = new Map<string, CachedVapid>();

  constructor(private readonly secret: WebPushSecret) {}

  authorizationFor(origin: string): string {
    const now = Math.floor(Date.now() / 1000);
    const cached = this.byOrigin.get(origin);
    if (cached && cached.expiresAt - now > vapidRenewBeforeSeconds) return cached.authorization;
    const expiresAt = now + vapidLifetimeSeconds;
    const { Authorization } = webpush.getVapidHeaders(
      origin,
      this.secret.subject,
      this.secret.publicKey,
      this.secret.privateKey,
      "aes128gcm",
      expiresAt,
    );
    this.byOrigin.set(origin, { authorization: Authorization, expiresAt });
    return Authorization;
  }
}

/** The SSRF guard's refusal, wherever in the error's cause chain HTTP/2 wrapped it. */
function unsafeAddressIn(error: unknown): AppError | null {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof AppError && current.code === "unsafe_url") return current;
  }
  return null;
}

function originOf(endpoint: string): string | null {
  try {
    const url = new URL(endpoint);
    return url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

/** Web push through the `web-push` library: it encrypts (RFC 8291) and posts; VAPID comes from the cache. */
export function createWebPushTransport(
  secret: WebPushSecret,
  options: TransportOptions,
): PushTransport<"web"> {
  const timeoutMs = options.timeoutMs ?? defaultSendTimeoutMs;
  const agent = new PushAgent({
    gateway: options.gateway,
    timeoutMs,
    maxSockets: options.maxSockets,
  });
  const vapid = new VapidHeaderCache(secret);
  const sessions = new Http2Sessions(options.gateway, timeoutMs);

  // web-push encrypts (RFC 8291) and builds the request; it goes over an
  // HTTP/2 stream when the push service speaks h2, else web-push sends it.
  async function sendOverHttp2(
    device: WebPushDevice,
    payload: WebPushPayload,
    requestOptions: RequestOptions,
  ): Promise<SendOutcome> {
    const details = webpush.generateRequestDetails(device, payload.body, requestOptions);
    const headers: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(details.headers))
      headers[name.toLowerCase()] = value;
    const answer = await sessions.request(
      new URL(details.endpoint),
      headers,
      details.body ?? Buffer.alloc(0),
    );
    const header = (name: string) => {
      const value = answer.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    return classifyWebPushAnswer({
      status: answer.status,
      retryAfter: header("retry-after"),
      location: header("location"),
    });
  }

  return {
    platform: "web",
    async send(device: WebPushDevice, payload: WebPushPayload): Promise<SendOutcome> {
      const bytes = utf8ByteLength(payload.body);
      if (bytes > platformLimits.web.payloadBytes)
        return payloadRejected(`payload_too_large: ${bytes} bytes`, null);
      const origin = originOf(device.endpoint);
      if (!origin) return tokenDead("invalid_endpoint", null);
      let headers: Record<string, string>;
      try {
        headers = { Authorization: vapid.authorizationFor(origin) };
      } catch (error) {
        return {
          kind: "credential-failed",
          reason: `vapid: ${(error as Error).message}`,
          status: null,
        };
      }
      const requestOptions: RequestOptions = {
        agent,
        timeout: timeoutMs,
        TTL: payload.ttlSeconds,
        urgency: payload.urgency,
        ...(payload.topic ? { topic: payload.topic } : {}),
        contentEncoding: "aes128gcm",
        ...noLibraryVapid,
        headers,
      };
      if (sessions.supportsHttp2(origin)) {
        try {
          return await sendOverHttp2(device, payload, requestOptions);
        } catch (error) {
          if (!(error instanceof Http2Unsupported)) {
            const unsafe = unsafeAddressIn(error);
            if (unsafe) return tokenDead(`unsafe_endpoint: ${unsafe.message}`, null);
            const message = (error as Error).message ?? String(error);
            if (/p256dh|auth|subscription/i.test(message)) {
              return tokenDead(`invalid_subscription: ${message}`, null);
            }
            return classifyNetworkFailure(message);
          }
        }
      }
      try {
        const answer = await webpush.sendNotification(device, payload.body, requestOptions);
        return classifyWebPushAnswer({
          status: answer.statusCode,
          location: answer.headers.location,
        });
      } catch (error) {
        if (error instanceof webpush.WebPushError) {
          const retryAfter = error.headers["retry-after"];
          return classifyWebPushAnswer({ status: error.statusCode, retryAfter });
        }
        const unsafe = unsafeAddressIn(error);
        if (unsafe) return tokenDead(`unsafe_endpoint: ${unsafe.message}`, null);
        const message = (error as Error).message ?? String(error);
        // web-push checks the subscription's keys before any request: they will never work.
        if (/p256dh|auth|subscription/i.test(message))
          return tokenDead(`invalid_subscription: ${message}`, null);
        return classifyNetworkFailure(message);
      }
    },
    async close() {
      sessions.close();
      agent.destroy();
    },
  };
}
