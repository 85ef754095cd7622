import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { type ApiKeyScope, can, type Permission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor, AppScope } from "@/lib/http/actor";
import {
  apiKeyRequired,
  authenticateApiKey,
  authenticateSession,
  bearerToken,
} from "@/lib/http/authenticate";
import { clientAddress } from "@/lib/http/client-address";
import { jsonResponse } from "@/lib/http/json-response";
import { describeFields, problemResponse, toAppError, zodIssuesToFields } from "@/lib/http/problem";
import {
  DEFAULT_MAX_BODY_BYTES,
  parseJsonBody,
  readBodyText,
  readJsonBody,
} from "@/lib/http/read-body";
import { assertStorableValues, storableQueryParameters } from "@/lib/http/storable-text";
import { type Logger, logger } from "@/lib/logger";
import { enforceRateLimit, type RateLimit } from "@/lib/rate-limit";

type AuthMode = "session" | "apiKey" | "either" | "public";
type Params = Record<string, string>;

export interface RouteConfig<TBody extends z.ZodType, TQuery extends z.ZodType> {
  /** Who may call: a signed-in member, an API key, either, or anyone. */
  auth: AuthMode;
  /** For members: the permission their role must grant in the app. */
  permission?: Permission;
  /** For API keys: the scope the key must hold (`admin` holds them all). */
  scope?: ApiKeyScope;
  /** Whether the call acts inside one app (the default for authenticated routes). */
  appScoped?: boolean;
  body?: TBody;
  query?: TQuery;
  rateLimit?: RateLimit;
  maxBodyBytes?: number;
}

export interface RouteContext<TBody, TQuery> {
  request: NextRequest;
  params: Params;
  body: TBody;
  query: TQuery;
  actor: Actor | null;
  app: AppScope | null;
  requestId: string;
  log: Logger;
}

interface AuthedContext<TBody, TQuery> extends RouteContext<TBody, TQuery> {
  actor: Actor;
  app: AppScope;
}

const defaultLimits: Record<Actor["kind"] | "anonymous", RateLimit> = {
  apiKey: { limit: 1200, windowSeconds: 60 },
  user: { limit: 600, windowSeconds: 60 },
  anonymous: { limit: 60, windowSeconds: 60 },
};

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing call authenticated by cookie must come from our own
 * origin: next-auth's CSRF token guards only its own routes, so this is the
 * CSRF defence for every other one.
 */
function assertSameOrigin(request: NextRequest): void {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    throw new AppError("forbidden", "Cross-site requests may not change data");
  }
  const origin = request.headers.get("origin");
  if (!origin) {
    if (fetchSite) return;
    throw new AppError("forbidden", "A cookie-authenticated write must carry an Origin header");
  }
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("forbidden", "The Origin header is malformed");
  }
  if (!host || originHost !== host) {
    throw new AppError("forbidden", "Cross-origin requests may not change data");
  }
}

function requestedAppId(request: NextRequest, params: Params): string | null {
  return (
    params.appId ??
    request.nextUrl.searchParams.get("appId") ??
    request.headers.get("x-herald-app") ??
    null
  );
}

async function resolveAppScope(
  actor: Actor,
  request: NextRequest,
  params: Params,
  config: { permission?: Permission; scope?: ApiKeyScope },
): Promise<AppScope> {
  const appId = requestedAppId(request, params);
  if (actor.kind === "apiKey") {
    // A key belongs to one app; naming another is indistinguishable from naming none.
    if (appId && appId !== actor.appId)
      throw new AppError("not_found", `App ${appId} was not found`);
    if (config.scope && !actor.scopes.includes(config.scope) && !actor.scopes.includes("admin")) {
      throw new AppError("forbidden", `This API key lacks the "${config.scope}" scope`);
    }
    return { appId: actor.appId, role: null };
  }
  if (!appId) {
    throw new AppError("bad_request", "Name the app with the appId query parameter", {
      fields: [{ field: "appId", message: "is required" }],
    });
  }
  const membership = await getDb().membership.findUnique({
    where: { appId_userId: { appId, userId: actor.userId } },
    select: { role: true },
  });
  if (!membership) throw new AppError("not_found", `App ${appId} was not found`);
  if (config.permission && !can(membership.role, config.permission)) {
    throw new AppError(
      "forbidden",
      `Your role (${membership.role}) does not allow this (${config.permission})`,
    );
  }
  return { appId, role: membership.role };
}

export function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: "body" | "query",
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = zodIssuesToFields(result.error, where === "query" ? ["query"] : []);
  throw new AppError("validation_failed", describeFields(fields), { fields });
}

const noBody = z.strictObject({});

/**
 * A route that takes no body (launch, pause, …) still refuses one with
 * fields, as every route refuses fields it does not know: `{}` or nothing is
 * fine, `{"sendAt": …}` is a 400 rather than a launch that ignored it.
 */
async function refuseUnexpectedBody(request: NextRequest): Promise<undefined> {
  const text = await readBodyText(request, DEFAULT_MAX_BODY_BYTES);
  if (text.trim()) parseWith(noBody, parseJsonBody(text), "body");
  return undefined;
}

export function toResponse(result: unknown): Response {
  if (result instanceof Response) return result;
  if (result === undefined) return new Response(null, { status: 204 });
  return jsonResponse(result);
}

/**
 * The query string as the route's schema sees it: the `appId` a member's
 * request names its app with has done its job once the app is resolved.
 */
function routeQuery(
  parameters: Record<string, string>,
  app: AppScope | null,
): Record<string, string> {
  if (!app) return parameters;
  const { appId: _appId, ...rest } = parameters;
  return rest;
}

/** What each route declared, for the OpenAPI document's consistency test. */
const declaredConfigs = new WeakMap<object, RouteConfig<z.ZodType, z.ZodType>>();

export function declaredRouteConfig(
  handler: object,
): Readonly<RouteConfig<z.ZodType, z.ZodType>> | undefined {
  return declaredConfigs.get(handler);
}

function createRoute<TBody extends z.ZodType, TQuery extends z.ZodType>(
  config: RouteConfig<TBody, TQuery>,
  handler: (context: RouteContext<z.infer<TBody>, z.infer<TQuery>>) => Promise<unknown>,
) {
  const appScoped = config.appScoped ?? config.auth !== "public";
  const route = async (
    request: NextRequest,
    routeContext: { params: Promise<Params> },
  ): Promise<Response> => {
    const started = performance.now();
    const incomingId = request.headers.get("x-request-id");
    const requestId = incomingId && /^[\w.-]{8,64}$/.test(incomingId) ? incomingId : randomUUID();
    // Made when first used: most requests log nothing at the production level.
    let requestLog: Logger | undefined;
    const log = () =>
      (requestLog ??= logger.child({
        requestId,
        method: request.method,
        path: request.nextUrl.pathname,
      }));
    let response: Response;
    try {
      const params = (await routeContext.params) ?? {};
      // Before anything reads them (a member's app is named by the appId in the query).
      assertStorableValues(params);
      const queryParameters = storableQueryParameters(request.nextUrl.searchParams);
      let actor: Actor | null = null;
      const token = bearerToken(request);
      if (token && config.auth !== "session") {
        actor = await authenticateApiKey(token);
      } else if (config.auth !== "apiKey" && config.auth !== "public") {
        actor = await authenticateSession(request);
        if (actor && !safeMethods.has(request.method)) assertSameOrigin(request);
      }
      if (!actor && config.auth !== "public") {
        throw config.auth === "session"
          ? new AppError("unauthorized", "Sign in to continue")
          : apiKeyRequired();
      }
      const rateBucket = actor
        ? actor.kind === "apiKey"
          ? `key:${actor.apiKeyId}`
          : `user:${actor.userId}`
        : `ip:${clientAddress(request.headers.get("x-forwarded-for"))}`;
      await enforceRateLimit(
        `${rateBucket}:${config.rateLimit ? request.nextUrl.pathname : "all"}`,
        config.rateLimit ?? defaultLimits[actor?.kind ?? "anonymous"],
      );
      const app = actor && appScoped ? await resolveAppScope(actor, request, params, config) : null;
      const query = config.query
        ? parseWith(config.query, routeQuery(queryParameters, app), "query")
        : undefined;
      const body = config.body
        ? parseWith(
            config.body,
            await readJsonBody(request, config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
            "body",
          )
        : await refuseUnexpectedBody(request);
      response = toResponse(
        await handler({
          request,
          params,
          // Absent schemas leave these undefined, which is what z.ZodUndefined promises.
          body: body as z.infer<TBody>,
          query: query as z.infer<TQuery>,
          actor,
          app,
          requestId,
          get log() {
            return log();
          },
        }),
      );
    } catch (error) {
      const appError = toAppError(error);
      if (appError.status >= 500) log().error({ err: error }, "request failed");
      response = problemResponse(appError, { instance: request.nextUrl.pathname, requestId });
    }
    response.headers.set("x-request-id", requestId);
    if (logger.isLevelEnabled("info")) {
      log().info(
        { status: response.status, ms: Math.round(performance.now() - started) },
        "request",
      );
    }
    return response;
  };
  declaredConfigs.set(route, config);
  return route;
}

/** A route any authenticated caller (per `auth`) reaches inside one app. */
export function appRoute<
  TBody extends z.ZodType = z.ZodUndefined,
  TQuery extends z.ZodType = z.ZodUndefined,
>(
  config: Omit<RouteConfig<TBody, TQuery>, "appScoped"> & { auth: Exclude<AuthMode, "public"> },
  handler: (context: AuthedContext<z.infer<TBody>, z.infer<TQuery>>) => Promise<unknown>,
) {
  return createRoute(config, (context) =>
    handler(context as AuthedContext<z.infer<TBody>, z.infer<TQuery>>),
  );
}

/** A route outside any app: sign-up, the caller's own app list, health. */
export function openRoute<
  TBody extends z.ZodType = z.ZodUndefined,
  TQuery extends z.ZodType = z.ZodUndefined,
>(
  config: Omit<RouteConfig<TBody, TQuery>, "appScoped" | "permission" | "scope">,
  handler: (context: RouteContext<z.infer<TBody>, z.infer<TQuery>>) => Promise<unknown>,
) {
  return createRoute({ ...config, appScoped: false }, handler);
}

export function created(data: unknown): Response {
  return jsonResponse(data, { status: 201 });
}
