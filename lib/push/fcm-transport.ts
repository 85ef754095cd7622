import { randomBytes } from "node:crypto";
import { deleteApp, initializeApp } from "firebase-admin/app";
import {
  type BatchResponse,
  getMessaging,
  type Messaging,
  type TokenMessage,
} from "firebase-admin/messaging";
import type { FcmSecret } from "@/lib/credentials/schemas";
import { logger } from "@/lib/logger";
import {
  classifyFcmAnswer,
  classifyFirebaseMessagingError,
  classifyNetworkFailure,
} from "./classify";
import { ServiceAccountCredential } from "./fcm-credential";
import { FcmSessions } from "./fcm-http2";
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
    messagingRequestHandler?: {
      httpClient?: { retry?: unknown };
      http2Client?: { retry?: unknown };
    };
  };
  const handler = internals.messagingRequestHandler;
  for (const client of [handler?.httpClient, handler?.http2Client]) {
    if (client && "retry" in client) client.retry = null;
    else logger.warn("firebase-admin internals changed: its built-in 503 retries stay on");
  }
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
  const code = (error as { code?: unknown } | undefined)?.code;
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
  const fromCode = typeof code === "string" ? classifyFirebaseMessagingError(code, message) : null;
  if (fromCode) return fromCode;
  return classifyNetworkFailure(typeof code === "string" ? `${code}: ${message}` : message);
}

/** One message's result in a sendEach() batch (firebase-admin's SendResponse, or a session failure). */
export interface MessageResult {
  success: boolean;
  messageId?: string;
  error?: unknown;
}

/** The outcome of one message of a sendEach() batch. */
export function classifySendResponse(
  response: MessageResult,
  answer: CapturedAnswer | undefined,
  credential: ServiceAccountCredential,
): SendOutcome {
  if (response.success) return accepted(response.messageId ?? null);
  return classifyFailure(response.error, answer ?? noAnswer, credential);
}

const noAnswer: CapturedAnswer = { status: null, retryAfter: null, errorBody: null };

// FCM takes 100 concurrent streams per connection; firebase-admin sends a
// batch's messages all at once, so a batch is at most that.
const maxBatch = 100;

interface Queued {
  message: TokenMessage;
  resolve: (outcome: SendOutcome) => void;
}

/**
 * FCM HTTP v1 through firebase-admin. Sends arriving together (a send job
 * keeps many in flight) go out as one sendEach() batch over HTTP/2: one
 * request per message on a connection the transport keeps (see fcm-http2).
 * Where firebase-admin cannot be hooked, its legacy HTTP/1.1 transport is
 * used through `httpAgent` (keep-alive, deadline, gateway redirect).
 */
export function createFcmTransport(
  secret: FcmSecret,
  options: TransportOptions,
): PushTransport<"android"> {
  const timeoutMs = options.timeoutMs ?? defaultSendTimeoutMs;
  const agent = new PushAgent({
    gateway: options.gateway,
    timeoutMs,
    maxSockets: options.maxSockets,
  });
  const credential = new ServiceAccountCredential(secret, agent);
  const app = initializeApp(
    { credential, projectId: secret.projectId, httpAgent: agent },
    `herald-fcm-${secret.projectId}-${randomBytes(4).toString("hex")}`,
  );
  const messaging = getMessaging(app);
  disableLibraryRetries(messaging);
  const sessions = FcmSessions.create(options.gateway, timeoutMs);
  if (!sessions) messaging.enableLegacyHttpTransport();

  const queue: Queued[] = [];
  let flushScheduled = false;

  async function sendBatch(hooked: FcmSessions, batch: Queued[]): Promise<void> {
    const messages = batch.map((queued) => queued.message);
    let responses: MessageResult[];
    try {
      responses = (await hooked.run(() => messaging.sendEach(messages))).responses;
    } catch (error) {
      // A session error (GOAWAY, reset) fails the whole call; the messages
      // that had an answer before it keep it, the rest are retried.
      const pending = (error as { pendingBatchResponse?: Promise<BatchResponse> })
        .pendingBatchResponse;
      const settled = pending ? await pending.catch(() => null) : null;
      const reason = error instanceof Error ? error.message : String(error);
      responses = messages.map(
        (_, index) =>
          settled?.responses[index] ?? {
            success: false,
            error: Object.assign(new Error(reason), { code: "messaging/session-error" }),
          },
      );
    }
    batch.forEach((queued, index) => {
      const response = responses[index] ?? { success: false, error: undefined };
      const answer = response.success ? undefined : hooked.takeFailure(queued.message.token);
      queued.resolve(classifySendResponse(response, answer, credential));
    });
    hooked.forgetFailures(messages.map((message) => message.token));
  }

  function flush(hooked: FcmSessions): void {
    flushScheduled = false;
    while (queue.length) void sendBatch(hooked, queue.splice(0, maxBatch));
  }

  /** firebase-admin could not be hooked: one send() per message, each answer captured. */
  async function sendAlone(message: TokenMessage): Promise<SendOutcome> {
    const result = await captureAnswer(async () => messaging.send(message));
    if ("result" in result) return accepted(result.result);
    return classifyFailure(result.error, result.answer, credential);
  }

  return {
    platform: "android",
    send(device: TokenDevice, payload: FcmPayload): Promise<SendOutcome> {
      // `bytes` comes from the builder: serialising again per send would double the cost.
      if (payload.bytes > platformLimits.android.payloadBytes) {
        return Promise.resolve(payloadRejected(`payload_too_large: ${payload.bytes} bytes`, null));
      }
      const message = { ...payload.message, token: device.token } as TokenMessage;
      if (!sessions) return sendAlone(message);
      const hooked = sessions;
      return new Promise((resolve) => {
        queue.push({ message, resolve });
        if (queue.length >= maxBatch) flush(hooked);
        else if (!flushScheduled) {
          // Everything the send lanes queue in this turn of the event loop goes in one batch.
          flushScheduled = true;
          setImmediate(() => flush(hooked));
        }
      });
    },
    async close() {
      sessions?.close();
      await deleteApp(app);
      agent.destroy();
    },
  };
}
