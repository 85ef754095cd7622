import type { IncomingMessage, ServerResponse } from "node:http";
import type { NextApiRequest } from "next";
import { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { problemResponse } from "@/lib/http/problem";
import { DEFAULT_MAX_BODY_BYTES } from "@/lib/http/read-body";
import { declaredRouteConfig } from "@/lib/http/route";

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

function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

async function send(response: Response, res: ServerResponse): Promise<void> {
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
 * problem+json) from a Pages Router API route, for the hot endpoints where
 * Next's App Router plumbing cost more CPU than the work: measured on the
 * 2-core machine, an empty App Router handler took 1.3–2.0 ms of CPU per
 * request and an empty Pages API route 0.65–0.7 ms. `path` is the public
 * path the route answers at, with `[name]` for each dynamic segment, which
 * the Pages route's file name must name the same (its App Router file stays
 * the definition the tests, the OpenAPI document and the route matrix
 * read); next.config.js rewrites it here.
 */
export function nodeRoute(handlers: Partial<Record<Method, Handler>>, path: string) {
  const allowed = [...new Set(["OPTIONS", ...Object.keys(handlers)])].join(", ");
  const paramNames = [...path.matchAll(/\[(\w+)\]/g)].map((match) => match[1] ?? "");
  return async (
    req: IncomingMessage & { query?: NextApiRequest["query"] },
    res: ServerResponse,
  ) => {
    const method = req.method ?? "GET";
    const handler = method === "POST" || method === "OPTIONS" ? handlers[method] : undefined;
    if (!handler) {
      res.statusCode = method === "OPTIONS" ? 204 : 405;
      res.setHeader("allow", allowed);
      res.end();
      return;
    }
    const params = Object.fromEntries(
      paramNames.map((name) => [name, String(req.query?.[name] ?? "")]),
    );
    const instance = publicPath(path, params);
    let body: Buffer | undefined;
    if (method === "POST") {
      const maxBytes = declaredRouteConfig(handler)?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      try {
        body = await readBody(req, maxBytes);
      } catch {
        const error = new AppError("bad_request", "The request body could not be read");
        await send(problemResponse(error, { instance }), res);
        return;
      }
    }
    const search = req.url?.includes("?") ? req.url.slice(req.url.indexOf("?")) : "";
    const headers = headersOf(req);
    const request = new NextRequest(
      new URL(`${instance}${search}`, `http://${headers.get("host") ?? "localhost"}`),
      { method, headers, ...(body ? { body: new Uint8Array(body) } : {}) },
    );
    await send(await handler(request, { params: Promise.resolve(params) }), res);
  };
}
