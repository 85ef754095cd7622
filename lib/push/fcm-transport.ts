import { randomBytes } from "node:crypto";
import { deleteApp, initializeApp } from "firebase-admin/app";
import { getMessaging, type Messaging, type TokenMessage } from "firebase-admin/messaging";
import type { FcmSecret } from "@/lib/credentials/schemas";
import { logger } from "@/lib/logger";
import { classifyFcmAnswer, classifyNetworkFailure } from "./classify";
import { ServiceAccountCredential } from "./fcm-credential";
import { platformLimits } from "./limits";
import {
  accepted,
  credentialFailed,
  payloadRejected,
  retryAfter,
  type SendOutcome,
} from "./outcome";
import type { FcmPayload } from "./payloads";
import { type CapturedAnswer, captureAnswer, PushAgent } from "./push-agent";
import {
  defaultSendTimeoutMs,
  type PushTransport,
  type TokenDevice,
  type TransportOptions,
} from "./transport";

/**
 * firebase-admin retries a 503 up to four times inside one send(), waiting up
 * to a minute between tries. The send queue already retries with backoff that
 * honours Retry-After, and a hidden wait would hold a concurrency slot, so the
 * library's own retries are switched off (a private field: the integration
 * test for UNAVAILABLE fails fast if a firebase-admin upgrade moves it).
 */
function disableLibraryRetries(messaging: Messaging): void {
  const internals = messaging as unknown as {
    messagingRequestHandler?: { httpClient?: { retry?: unknown } };
  };
  const client = internals.messagingRequestHandler?.httpClient;
  if (client && "retry" in client) client.retry = null;
  else logger.warn("firebase-admin internals changed: its built-in 503 retries stay on");
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function classifyFailure(
  error: unknown,
  answer: CapturedAnswer,
  credential: ServiceAccountCredential,
): SendOutcome {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === "app/invalid-credential") {
    const failure = credential.lastFailure;
    return failure?.isTransient
      ? retryAfter(`token_endpoint: ${failure.message}`, null)
      : credentialFailed(failure?.message ?? message, null);
  }
  if (answer.status !== null && answer.status >= 400) {
    return classifyFcmAnswer({
      status: answer.status,
      retryAfter: answer.retryAfter,
      body: parseJson(answer.errorBody),
    });
  }
  // firebase-admin validates a message before sending it; nothing reached FCM.
  if (typeof code === "string" && /^messaging\/(invalid|payload)/.test(code)) {
    return payloadRejected(`${code}: ${message}`, null);
  }
  return classifyNetworkFailure(typeof code === "string" ? `${code}: ${message}` : message);
}

/**
 * FCM HTTP v1 through firebase-admin. The legacy HTTP/1.1 transport is used
 * because it goes through `httpAgent` (keep-alive, deadline, gateway redirect);
 * the HTTP/2 one opens its own session to Google and cannot be pointed elsewhere.
 */
export function createFcmTransport(
  secret: FcmSecret,
  options: TransportOptions,
): PushTransport<"android"> {
  const agent = new PushAgent({
    gateway: options.gateway,
    timeoutMs: options.timeoutMs ?? defaultSendTimeoutMs,
    maxSockets: options.maxSockets,
  });
  const credential = new ServiceAccountCredential(secret, agent);
  const app = initializeApp(
    { credential, projectId: secret.projectId, httpAgent: agent },
    `herald-fcm-${secret.projectId}-${randomBytes(4).toString("hex")}`,
  );
  const messaging = getMessaging(app);
  messaging.enableLegacyHttpTransport();
  disableLibraryRetries(messaging);

  return {
    platform: "android",
    async send(device: TokenDevice, payload: FcmPayload): Promise<SendOutcome> {
      const message = { ...payload.message, token: device.token } as TokenMessage;
      // `bytes` comes from the builder: serialising again per send would double the cost.
      if (payload.bytes > platformLimits.android.payloadBytes) {
        return payloadRejected(`payload_too_large: ${payload.bytes} bytes`, null);
      }
      const result = await captureAnswer(async () => messaging.send(message));
      if ("result" in result) return accepted(result.result);
      return classifyFailure(result.error, result.answer, credential);
    },
    async close() {
      await deleteApp(app);
      agent.destroy();
    },
  };
}
