import type { TokenMessage } from "firebase-admin/messaging";

/** What the web push transport encrypts and sends: the JSON the Herald service worker reads. */
export interface WebPushPayload {
  body: string;
  ttlSeconds: number;
  urgency: "very-low" | "low" | "normal" | "high";
  /** Replaces an undelivered message with the same topic (RFC 8030 §5.4). */
  topic?: string;
  /** UTF-8 size of `body`, as the builder measured it. */
  bytes: number;
}

/** The APNs request: JSON body plus the apns-* headers node-apn sets from it. */
export interface ApnsPayload {
  payload: Record<string, unknown>;
  pushType: "alert" | "background";
  priority: 10 | 5;
  /** Unix seconds after which APNs stops trying; 0 means deliver now or never. */
  expiration?: number;
  collapseId?: string;
  /** UTF-8 size of the JSON body, as the builder measured it; the transport trusts it. */
  bytes: number;
}

/** An FCM HTTP v1 message for firebase-admin, minus the token the transport adds. */
export interface FcmPayload {
  message: Omit<TokenMessage, "token">;
  /** UTF-8 size of the message JSON, as the builder measured it; the transport trusts it. */
  bytes: number;
}
