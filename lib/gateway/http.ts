import type {
  IncomingHttpHeaders,
  IncomingMessage,
  OutgoingHttpHeaders,
  ServerResponse,
} from "node:http";
import type {
  IncomingHttpHeaders as Http2Headers,
  Http2SecureServer,
  Http2Session,
  ServerHttp2Stream,
} from "node:http2";
import type { Socket } from "node:net";

/** One request, whichever HTTP version carried it, with its body read. */
export interface GatewayRequest {
  method: string;
  path: string;
  /** The query string without `?`, or "". */
  query: string;
  headers: IncomingHttpHeaders;
  /** Host (and port) the client addressed: `:authority` in HTTP/2, `Host` in HTTP/1.1. */
  authority: string;
  isHttp2: boolean;
  /** The HTTP/2 session or TLS socket: per-connection state hangs off it. */
  connection: object;
  body: Buffer;
  /** The body passed `maxBodyBytes`; `body` then holds only its start. */
  bodyTooLarge: boolean;
}

export interface GatewayResponse {
  status: number;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
  delayMs?: number;
}

/** Returned by a handler that must never answer (a hung provider). */
export const noAnswer = Symbol("no answer");
export type GatewayReply = GatewayResponse | typeof noAnswer;
export type GatewayHandler = (request: GatewayRequest) => GatewayReply | Promise<GatewayReply>;

export const json = (status: number, value: unknown, headers: OutgoingHttpHeaders = {}) => ({
  status,
  headers: { "content-type": "application/json; charset=utf-8", ...headers },
  body: JSON.stringify(value),
});

const maxBodyBytes = 1024 * 1024;

function splitPath(rawPath: string): { path: string; query: string } {
  const mark = rawPath.indexOf("?");
  return mark === -1
    ? { path: rawPath, query: "" }
    : { path: rawPath.slice(0, mark), query: rawPath.slice(mark + 1) };
}

function readBody(
  stream: NodeJS.ReadableStream,
  done: (body: Buffer, tooLarge: boolean) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  stream.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBodyBytes) tooLarge = true;
    else chunks.push(chunk);
  });
  stream.on("end", () =>
    done(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks), tooLarge),
  );
}

/** Tracks open connections and unanswered requests so `close()` can end them. */
export class ConnectionTracker {
  readonly sessions = new Set<Http2Session>();
  readonly sockets = new Set<Socket>();

  destroyAll(): void {
    for (const session of this.sessions) session.destroy();
    for (const socket of this.sockets) socket.destroy();
  }
}

function settle(
  reply: GatewayReply | Promise<GatewayReply>,
  send: (response: GatewayResponse) => void,
  fail: (error: unknown) => void,
): void {
  const deliver = (value: GatewayReply) => {
    if (value === noAnswer) return;
    if (value.delayMs && value.delayMs > 0) setTimeout(() => send(value), value.delayMs);
    else send(value);
  };
  if (reply instanceof Promise) reply.then(deliver, fail);
  else deliver(reply);
}

function serveStream(
  stream: ServerHttp2Stream,
  headers: Http2Headers,
  handler: GatewayHandler,
): void {
  stream.on("error", () => {});
  const { path, query } = splitPath(headers[":path"] ?? "/");
  readBody(stream, (body, bodyTooLarge) => {
    const send = (response: GatewayResponse) => {
      if (stream.destroyed || stream.closed) return;
      stream.respond({ ":status": response.status, ...response.headers });
      stream.end(response.body);
    };
    const request: GatewayRequest = {
      method: headers[":method"] ?? "GET",
      path,
      query,
      headers,
      authority: headers[":authority"] ?? headers.host ?? "",
      isHttp2: true,
      connection: stream.session ?? stream,
      body,
      bodyTooLarge,
    };
    let reply: GatewayReply | Promise<GatewayReply>;
    try {
      reply = handler(request);
    } catch (error) {
      reply = Promise.reject(error);
    }
    settle(reply, send, () => send({ status: 500 }));
  });
}

function serveHttp1(
  request: IncomingMessage,
  response: ServerResponse,
  handler: GatewayHandler,
): void {
  const { path, query } = splitPath(request.url ?? "/");
  readBody(request, (body, bodyTooLarge) => {
    const send = (answer: GatewayResponse) => {
      if (response.destroyed || response.writableEnded) return;
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    };
    let reply: GatewayReply | Promise<GatewayReply>;
    try {
      reply = handler({
        method: request.method ?? "GET",
        path,
        query,
        headers: request.headers,
        authority: request.headers.host ?? "",
        isHttp2: false,
        connection: request.socket,
        body,
        bodyTooLarge,
      });
    } catch (error) {
      reply = Promise.reject(error);
    }
    settle(reply, send, () => send({ status: 500 }));
  });
}

/**
 * Serves `handler` on an `allowHTTP1` secure HTTP/2 server. HTTP/1.1 arrives
 * as 'request' events; HTTP/2 is served from raw streams, because Node's
 * compatibility layer (which any 'request' listener switches on for HTTP/2
 * too) costs about 1.5× the CPU per request (measured 36–41 µs against
 * 21–25 µs for a bare APNs-like answer on this project's 2-core box).
 */
export function attachHandler(
  server: Http2SecureServer,
  handler: GatewayHandler,
  tracker: ConnectionTracker,
): void {
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    if (request.httpVersionMajor === 2) return;
    serveHttp1(request, response, handler);
  });
  server.removeAllListeners("stream");
  server.on("stream", (stream: ServerHttp2Stream, headers: Http2Headers) =>
    serveStream(stream, headers, handler),
  );
  server.on("session", (session: Http2Session) => {
    tracker.sessions.add(session);
    session.on("error", () => {});
    session.on("close", () => tracker.sessions.delete(session));
  });
  server.on("secureConnection", (socket: Socket) => {
    tracker.sockets.add(socket);
    socket.setNoDelay(true);
    socket.on("error", () => {});
    socket.on("close", () => tracker.sockets.delete(socket));
  });
}
