import {
  type ClientHttp2Session,
  connect,
  constants,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from "node:http2";
import { isIP } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { publicAddressLookup } from "@/lib/net/fetch-public-url";
import type { PushGatewayTarget } from "./push-agent";
import { PushRequestTimeout } from "./push-agent";

export interface Http2Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An origin that did not negotiate HTTP/2: its requests go over HTTP/1.1 instead. */
export class Http2Unsupported extends Error {
  override name = "Http2Unsupported";
}

const maxAnswerBody = 64 * 1024;
// Endpoints come from browsers: refuse names that resolve to private or loopback addresses.
const publicLookup = publicAddressLookup();

/**
 * One multiplexed HTTP/2 session per push-service origin: a web push costs a
 * stream instead of a TLS socket (push services and the local gateway both
 * speak h2), which is what lets one worker keep hundreds of sends in flight
 * cheaply. With a gateway configured every origin's session connects to it.
 */
export class Http2Sessions {
  private readonly sessions = new Map<string, ClientHttp2Session>();
  private readonly http1Only = new Set<string>();

  constructor(
    private readonly gateway: PushGatewayTarget | null,
    private readonly timeoutMs: number,
  ) {}

  supportsHttp2(origin: string): boolean {
    return !this.http1Only.has(origin);
  }

  private session(origin: string): ClientHttp2Session {
    const existing = this.sessions.get(origin);
    if (existing && !existing.closed && !existing.destroyed) return existing;
    const gateway = this.gateway;
    const session = connect(origin, {
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
        : { lookup: publicLookup }),
    });
    session.on("error", () => this.forget(origin, session));
    session.on("goaway", () => this.forget(origin, session));
    session.on("close", () => this.forget(origin, session));
    session.once("connect", (_session, socket) => {
      if ("alpnProtocol" in socket && socket.alpnProtocol !== "h2") {
        this.http1Only.add(origin);
        session.destroy(new Http2Unsupported(`${origin} does not speak HTTP/2`));
      }
    });
    session.unref();
    this.sessions.set(origin, session);
    return session;
  }

  private forget(origin: string, session: ClientHttp2Session): void {
    if (this.sessions.get(origin) === session) this.sessions.delete(origin);
  }

  /** One request with a hard deadline on the whole exchange, answer body included. */
  request(url: URL, headers: OutgoingHttpHeaders, body: Buffer): Promise<Http2Answer> {
    return new Promise((resolve, reject) => {
      let stream: ReturnType<ClientHttp2Session["request"]>;
      try {
        stream = this.session(url.origin).request({
          // Node would send "host:443"; push services compare the VAPID audience to the bare origin.
          [constants.HTTP2_HEADER_AUTHORITY]: url.host,
          [constants.HTTP2_HEADER_METHOD]: "POST",
          [constants.HTTP2_HEADER_PATH]: `${url.pathname}${url.search}`,
          ...headers,
        });
      } catch (error) {
        reject(error);
        return;
      }
      const timer = setTimeout(() => {
        stream.close(constants.NGHTTP2_CANCEL);
        reject(new PushRequestTimeout(this.timeoutMs));
      }, this.timeoutMs);
      let answerHeaders: IncomingHttpHeaders = {};
      let text = "";
      stream.on("response", (received) => {
        answerHeaders = received;
      });
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        if (text.length < maxAnswerBody) text += chunk;
      });
      stream.on("end", () => {
        clearTimeout(timer);
        resolve({
          status: Number(answerHeaders[constants.HTTP2_HEADER_STATUS] ?? 0),
          headers: answerHeaders,
          body: text,
        });
      });
      stream.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      stream.end(body);
    });
  }

  close(): void {
    for (const session of this.sessions.values()) session.close();
    this.sessions.clear();
  }
}
