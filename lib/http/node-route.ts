import type { IncomingMessage, ServerResponse } from "node:http";
import { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { problemResponse } from "@/lib/http/problem";
import { DEFAULT_MAX_BODY_BYTES } from "@/lib/http/read-body";
import { declaredRouteConfig } from "@/lib/http/route";
import { logger } from "@/lib/logger";

type Handler = (
  request: NextRequest,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

/**
 * Reads a body, stopping one byte past `maxBytes`: the route wrapper then
 * answers 413 as it does for any body over its limit.
 */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    received += buffer.byteLength;
    if (received > maxBytes) break;
  }
  return Buffer.concat(chunks);
}

function headersOf(request: IncomingMessage, connectedFrom: string | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  // As Next's server does for the routes it serves: the connection's address
  // when no proxy named one, so per-address rate limits see who connected.
  if (!headers.has("x-forwarded-for") && connectedFrom) {
    headers.set("x-forwarded-for", connectedFrom);
  }
  return headers;
}

/** Writes a fetch Response to Node's response. */
export async function send(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

type Method = "POST" | "OPTIONS";

/** The route's public path with its `[param]` segments filled in. */
function publicPath(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
}

/**
 * Serves an app route's handlers (built with appRoute or sdkRoute, so the
 * same wrapper authenticates, rate-limits, validates and answers
 * problem+json) straight from Node's HTTP server, for the hot endpoints
 * where Next's request plumbing cost more CPU than the work (see
 * lib/http/hot-routes.ts). `path` is the public path the route answers at,
 * with `[name]` for each dynamic segment, whose values come in `params`. The
 * App Router file stays the definition the tests, the OpenAPI document and
 * the route matrix read, and serves the path when Next is started alone.
 */
export function nodeRoute(handlers: Partial<Record<Method, Handler>>, path: string) {
  const allowed = [...new Set(["OPTIONS", ...Object.keys(handlers)])].join(", ");
  const serve = async (
    req: IncomingMessage,
    res: ServerResponse,
    params: Record<string, string>,
  ) => {
    const method = req.method ?? "GET";
    const handler = method === "POST" || method === "OPTIONS" ? handlers[method] : undefined;
    if (!handler) {
      res.statusCode = method === "OPTIONS" ? 204 : 405;
      res.setHeader("allow", allowed);
      res.end();
      return;
    }
    const instance = publicPath(path, params);
    // Read before the body: a body cut off at the size limit takes the socket with it.
    const connectedFrom = req.socket.remoteAddress;
    let body: Buffer | undefined;
    if (method === "POST") {
      const maxBytes = declaredRouteConfig(handler)?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      try {
        body = await readBody(req, maxBytes);
        // The rest of an oversize body is never read: the connection cannot carry another request.
        if (body.byteLength > maxBytes) res.setHeader("connection", "close");
      } catch {
        const error = new AppError("bad_request", "The request body could not be read");
        await send(problemResponse(error, { instance }), res);
        return;
      }
    }
    const search = req.url?.includes("?") ? req.url.slice(req.url.indexOf("?")) : "";
    const headers = headersOf(req, connectedFrom);
    const request = new NextRequest(
      new URL(`${instance}${search}`, `http://${headers.get("host") ?? "localhost"}`),
      { method, headers, ...(body ? { body: new Uint8Array(body) } : {}) },
    );
    await send(await handler(request, { params: Promise.resolve(params) }), res);
  };
  return (req: IncomingMessage, res: ServerResponse, params: Record<string, string> = {}) =>
    serve(req, res, params).catch(async (error: unknown) => {
      // The route wrapper answers every error it meets; this is a fault in the adapter.
      logger.error({ err: error, path: req.url }, "hot route failed");
      if (res.headersSent) res.destroy();
      else await send(problemResponse(new AppError("internal_error", "Something went wrong")), res);
    });
}
