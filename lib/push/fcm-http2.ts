import { AsyncLocalStorage } from "node:async_hooks";
import {
  type ClientHttp2Session,
  type ClientHttp2Stream,
  connect,
  constants,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from "node:http2";
import { createRequire } from "node:module";
import { isIP } from "node:net";
import { dirname, join } from "node:path";
import { connect as tlsConnect } from "node:tls";
import { logger } from "@/lib/logger";
import { type CapturedAnswer, type PushGatewayTarget, PushRequestTimeout } from "./push-agent";

// firebase-admin's sendEach() sends each message as its own HTTP/2 request,
// but opens a fresh connection to fcm.googleapis.com for every call (a TLS
// handshake per batch) through a handler we cannot configure, and its
// errors drop the HTTP status, body and Retry-After. This module hooks that
// handler's session creation, only inside a call made through
// `runWithFcmSessions`, to hand it a lease on one long-lived session per
// transport instead (pointed at the local gateway when one is configured),
// with a hard deadline per request and the answer of every failed request
// kept for classification.

/** What firebase-admin's Http2SessionHandler uses of the session it creates. */
interface SessionLike {
  request(headers: OutgoingHttpHeaders, options?: object): ClientHttp2Stream;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  readonly closed: boolean;
  close(): void;
}

interface Http2SessionHandlerClass {
  prototype: { createSession(url: string): SessionLike };
}

const hookedCalls = new AsyncLocalStorage<FcmSessions>();
let hookState: "installed" | "unavailable" | null = null;

/**
 * Replaces firebase-admin's session factory, once per process, with one that
 * defers to the FcmSessions of the current call and otherwise behaves as
 * before. False when firebase-admin's internals moved (then the caller keeps
 * the legacy HTTP/1.1 transport).
 */
function installHook(): boolean {
  if (hookState) return hookState === "installed";
  try {
    const require = createRequire(import.meta.url);
    const messagingEntry = require.resolve("firebase-admin/messaging");
    const apiRequest = require(join(dirname(messagingEntry), "../utils/api-request.js")) as {
      Http2SessionHandler?: Http2SessionHandlerClass;
    };
    const prototype = apiRequest.Http2SessionHandler?.prototype;
    if (typeof prototype?.createSession !== "function") throw new Error("no createSession");
    const original = prototype.createSession;
    prototype.createSession = function createSession(this: unknown, url: string) {
      const sessions = hookedCalls.getStore();
      return sessions ? sessions.lease() : original.call(this, url);
    };
    hookState = "installed";
  } catch (error) {
    logger.warn(
      { err: error },
      "firebase-admin internals changed: FCM sends use its HTTP/1.1 transport",
    );
    hookState = "unavailable";
  }
  return hookState === "installed";
}

const fcmOrigin = "https://fcm.googleapis.com";
const maxCapturedBody = 64 * 1024;

/**
 * One transport's HTTP/2 connection to FCM (or the gateway), lent to each
 * sendEach() call in turn, and the answers of its failed requests keyed by
 * the registration token in the request body.
 */
export class FcmSessions {
  private session: ClientHttp2Session | null = null;
  private readonly failures = new Map<string, CapturedAnswer[]>();

  private constructor(
    private readonly gateway: PushGatewayTarget | null,
    private readonly timeoutMs: number,
  ) {}

  /** Null when firebase-admin cannot be hooked. */
  static create(gateway: PushGatewayTarget | null, timeoutMs: number): FcmSessions | null {
    return installHook() ? new FcmSessions(gateway, timeoutMs) : null;
  }

  /** Runs `call` (a sendEach) so that the sessions it opens are leases on this one. */
  run<T>(call: () => Promise<T>): Promise<T> {
    return hookedCalls.run(this, call);
  }

  /** The answer a failed request for `token` received, oldest first, if any is left. */
  takeFailure(token: string): CapturedAnswer | undefined {
    const answers = this.failures.get(token);
    const answer = answers?.shift();
    if (answers && !answers.length) this.failures.delete(token);
    return answer;
  }

  /** Forgets answers nobody took (a token firebase-admin failed for another reason). */
  forgetFailures(tokens: Iterable<string>): void {
    for (const token of tokens) this.failures.delete(token);
  }

  close(): void {
    this.session?.close();
    this.session = null;
    this.failures.clear();
  }

  private shared(): ClientHttp2Session {
    const existing = this.session;
    if (existing && !existing.closed && !existing.destroyed) return existing;
    const gateway = this.gateway;
    const session = connect(fcmOrigin, {
      // What firebase-admin asks for: FCM allows 100 streams per connection.
      peerMaxConcurrentStreams: 100,
      ...(gateway
        ? {
            createConnection: () => {
              const host = gateway.url.hostname.replace(/^\[|\]$/g, "");
              return tlsConnect({
                host,
                port: Number(gateway.url.port || 443),
                servername: isIP(host) ? undefined : host,
                ca: gateway.ca,
                ALPNProtocols: ["h2"],
              });
            },
          }
        : {}),
    });
    // Every sendEach under way listens for the session's errors.
    session.setMaxListeners(0);
    const forget = () => {
      if (this.session === session) this.session = null;
    };
    session.on("error", forget);
    session.on("goaway", forget);
    session.on("close", forget);
    session.unref();
    this.session = session;
    return session;
  }

  /**
   * What firebase-admin gets instead of a new session (through the hook):
   * requests go on the shared one; close() only removes the listeners this
   * call added.
   */
  lease(): SessionLike {
    const session = this.shared();
    const added: [string, (...args: unknown[]) => void][] = [];
    const lease: SessionLike = {
      request: (headers, options) => this.request(session, headers, options),
      on(event, listener) {
        added.push([event, listener]);
        session.on(event, listener);
        return lease;
      },
      get closed() {
        return session.closed || session.destroyed;
      },
      close() {
        for (const [event, listener] of added.splice(0)) session.off(event, listener);
      },
    };
    return lease;
  }

  private request(
    session: ClientHttp2Session,
    headers: OutgoingHttpHeaders,
    options?: object,
  ): ClientHttp2Stream {
    // firebase-admin 13 sends ":scheme: https:" (colon included, its own
    // TODO b/401051826); Google takes it, but nghttp2 servers (the local
    // gateway) reset such a stream as a protocol error.
    const scheme = headers[constants.HTTP2_HEADER_SCHEME];
    const stream = session.request(
      scheme === "https:" ? { ...headers, [constants.HTTP2_HEADER_SCHEME]: "https" } : headers,
      options,
    );
    // firebase-admin only has its own 15 s idle timer: this is the whole-request deadline.
    const timer = setTimeout(
      () => stream.destroy(new PushRequestTimeout(this.timeoutMs)),
      this.timeoutMs,
    );
    stream.once("close", () => clearTimeout(timer));
    let body: Buffer | null = null;
    const end = stream.end.bind(stream) as (...args: unknown[]) => ClientHttp2Stream;
    stream.end = ((...args: unknown[]) => {
      if (Buffer.isBuffer(args[0])) body = args[0];
      return end(...args);
    }) as ClientHttp2Stream["end"];
    stream.once("response", (answer: IncomingHttpHeaders) => {
      const status = Number(answer[constants.HTTP2_HEADER_STATUS] ?? 0);
      if (status < 400) return;
      let text = "";
      stream.on("data", (chunk: Buffer | string) => {
        if (text.length < maxCapturedBody) text += chunk.toString();
      });
      stream.once("end", () => {
        const token = tokenIn(body);
        if (token === null) return;
        const retryAfter = answer["retry-after"];
        const captured: CapturedAnswer = {
          status,
          retryAfter: typeof retryAfter === "string" ? retryAfter : null,
          errorBody: text,
        };
        const answers = this.failures.get(token);
        if (answers) answers.push(captured);
        else this.failures.set(token, [captured]);
      });
    });
    return stream;
  }
}

/** The registration token of an FCM v1 request body, read only for failed requests. */
function tokenIn(body: Buffer | null): string | null {
  if (!body) return null;
  try {
    const token = (JSON.parse(body.toString("utf8")) as { message?: { token?: unknown } }).message
      ?.token;
    return typeof token === "string" ? token : null;
  } catch {
    return null;
  }
}
