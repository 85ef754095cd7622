import { AsyncLocalStorage } from "node:async_hooks";
import type { ClientRequest } from "node:http";
import { Agent, type AgentOptions, type RequestOptions } from "node:https";
import { isIP } from "node:net";
import type { Duplex } from "node:stream";
import { publicAddressLookup } from "@/lib/net/fetch-public-url";

declare module "node:https" {
  interface Agent {
    // Undocumented in @types/node but called by http.Agent for every request
    // since Node 0.x (agent-base and the proxy agents hook it too).
    addRequest(request: ClientRequest, options: RequestOptions): void;
  }
}

/** Where every push connection goes when the local gateway stands in for the providers. */
export interface PushGatewayTarget {
  url: URL;
  /** PEM of the gateway's CA. */
  ca: string;
}

/** The raw answer behind a library call, for libraries whose errors drop status and headers. */
export interface CapturedAnswer {
  status: number | null;
  retryAfter: string | null;
  /** The body of an error answer (≥ 400), up to 64 KiB. */
  errorBody: string | null;
}

const captures = new AsyncLocalStorage<CapturedAnswer>();
const publicLookup = publicAddressLookup();
const maxCapturedBody = 64 * 1024;

/** Runs `call` and records the last HTTP answer any request it made through a PushAgent received. */
export async function captureAnswer<T>(
  call: () => Promise<T>,
): Promise<{ result: T; answer: CapturedAnswer } | { error: unknown; answer: CapturedAnswer }> {
  const answer: CapturedAnswer = { status: null, retryAfter: null, errorBody: null };
  try {
    return { result: await captures.run(answer, call), answer };
  } catch (error) {
    return { error, answer };
  }
}

/** Runs `call` outside any capture, so its requests do not pass for the captured call's answer. */
export function withoutCapture<T>(call: () => T): T {
  return captures.exit(call);
}

export class PushRequestTimeout extends Error {
  override name = "PushRequestTimeout";
  readonly code = "ETIMEDOUT";

  constructor(readonly timeoutMs: number) {
    super(`No complete answer within ${timeoutMs} ms`);
  }
}

export interface PushAgentOptions {
  gateway: PushGatewayTarget | null;
  /** Deadline for a whole request, answer included; the request is destroyed past it. */
  timeoutMs: number;
  maxSockets?: number;
}

/**
 * The HTTPS agent every HTTP/1.1 push request goes through: keep-alive pools
 * per origin, a hard deadline per request (web-push has none, firebase-admin a
 * fixed 15 s idle timeout), answer capture, and, with a gateway configured,
 * every connection redirected to it whatever host the library asked for, so
 * the same library code reaches the gateway and nothing reaches the internet.
 */
export class PushAgent extends Agent {
  private readonly timeoutMs: number;
  private readonly gateway: PushGatewayTarget | null;

  constructor(options: PushAgentOptions) {
    const agentOptions: AgentOptions = {
      keepAlive: true,
      maxSockets: options.maxSockets ?? 128,
      maxFreeSockets: options.maxSockets ?? 128,
      scheduling: "lifo",
    };
    if (options.gateway) agentOptions.ca = options.gateway.ca;
    super(agentOptions);
    this.timeoutMs = options.timeoutMs;
    this.gateway = options.gateway;
  }

  override createConnection(
    options: RequestOptions,
    callback?: (error: Error | null, socket: Duplex) => void,
  ): Duplex | null | undefined {
    // Web push endpoints come from browsers: a name that resolves to a private
    // or loopback address must not turn the worker into a way into our network.
    if (!this.gateway)
      return super.createConnection({ ...options, lookup: publicLookup }, callback);
    const host = this.gateway.url.hostname.replace(/^\[|\]$/g, "");
    return super.createConnection(
      {
        ...options,
        host,
        port: Number(this.gateway.url.port || 443),
        servername: isIP(host) ? "" : host,
        ca: this.gateway.ca,
      },
      callback,
    );
  }

  override addRequest(request: ClientRequest, options: RequestOptions): void {
    const timer = setTimeout(
      () => request.destroy(new PushRequestTimeout(this.timeoutMs)),
      this.timeoutMs,
    );
    request.once("close", () => clearTimeout(timer));
    const answer = captures.getStore();
    if (answer) {
      request.once("response", (response) => {
        answer.status = response.statusCode ?? null;
        const header = response.headers["retry-after"];
        answer.retryAfter = typeof header === "string" ? header : null;
        answer.errorBody = null;
        if ((response.statusCode ?? 0) < 400) return;
        let body = "";
        response.on("data", (chunk: Buffer) => {
          if (body.length < maxCapturedBody) body += chunk.toString("utf8");
        });
        response.once("end", () => {
          answer.errorBody = body;
        });
      });
    }
    super.addRequest(request, options);
  }
}
