import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import type { TestUser } from "./factories";

type Handler = (
  request: NextRequest,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export interface CallOptions {
  method?: string;
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  /** Signed-in member (session cookie) or API key (bearer). */
  as?: { user: TestUser } | { apiKey: string };
  headers?: Record<string, string>;
}

const origin = "http://localhost:3000";

/** A next-auth session cookie for `user`, minted exactly as next-auth does at sign-in. */
export async function sessionCookie(user: TestUser, sid: string = randomUUID()): Promise<string> {
  const token = await encode({
    token: { sub: user.id, uid: user.id, sid, email: user.email, name: user.name },
    secret: process.env.AUTH_SECRET ?? "",
  });
  return `next-auth.session-token=${token}`;
}

/** Calls a route handler in-process with a real request, real auth and the real database. */
export async function callRoute(handler: Handler, options: CallOptions): Promise<Response> {
  const method =
    options.method ??
    (options.body === undefined && options.rawBody === undefined ? "GET" : "POST");
  const headers = new Headers({ host: "localhost:3000", ...options.headers });
  if (options.as && "user" in options.as) {
    headers.set("cookie", await sessionCookie(options.as.user));
    if (method !== "GET" && !headers.has("origin")) headers.set("origin", origin);
  } else if (options.as) {
    headers.set("authorization", `Bearer ${options.as.apiKey}`);
  }
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const request = new NextRequest(new URL(options.path, origin), { method, headers, body });
  return handler(request, { params: Promise.resolve(options.params ?? {}) });
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
