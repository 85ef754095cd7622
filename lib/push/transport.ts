import type { Platform } from "@/lib/db/generated/enums";
import type { SendOutcome } from "./outcome";
import type { ApnsPayload, FcmPayload, WebPushPayload } from "./payloads";
import type { PushGatewayTarget } from "./push-agent";

export interface WebPushDevice {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** An APNs device token or FCM registration token. */
export interface TokenDevice {
  token: string;
}

export interface PushMessageMap {
  web: { device: WebPushDevice; payload: WebPushPayload };
  ios: { device: TokenDevice; payload: ApnsPayload };
  android: { device: TokenDevice; payload: FcmPayload };
}

/** One app's sender for one platform, holding that credential's connections. */
export interface PushTransport<P extends Platform = Platform> {
  readonly platform: P;
  /** Never throws for a provider's answer or a network failure: the outcome says what happened. */
  send(
    device: PushMessageMap[P]["device"],
    payload: PushMessageMap[P]["payload"],
  ): Promise<SendOutcome>;
  close(): Promise<void>;
}

export interface TransportOptions {
  /** The local push gateway to send everything to, or null for the real services. */
  gateway: PushGatewayTarget | null;
  /** Deadline per request, answer included. */
  timeoutMs?: number;
  /** HTTP/1.1 connections per push-service origin (web push, FCM). */
  maxSockets?: number;
}

export const defaultSendTimeoutMs = 10_000;
