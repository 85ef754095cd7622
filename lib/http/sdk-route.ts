import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { findSdkApp, type SdkApp } from "@/lib/apps/sdk-app-cache";
import { getPool } from "@/lib/db/client";
import type { DeviceStatus, Platform } from "@/lib/db/generated/enums";
import { deviceSecretMatches, parseDeviceToken } from "@/lib/devices/sdk-device-token";
import { AppError } from "@/lib/errors";
import { clientAddress } from "@/lib/http/client-address";
import { problemResponse, toAppError } from "@/lib/http/problem";
import { readJsonBody } from "@/lib/http/read-body";
import { parseWith, toResponse } from "@/lib/http/route";
import { storableQueryParameters, unstorableTextProblem } from "@/lib/http/storable-text";
import { type Logger, logger } from "@/lib/logger";
import { enforceRateLimit, type RateLimit } from "@/lib/rate-limit";

// The browser SDK's routes: keyed by the app's public id, no API key, callable
// only from the app's allowed origins (CORS), rate-limited per IP, and — for
// anything touching a device — holding that device's token.

export const DEVICE_TOKEN_HEADER = "x-herald-device-token";

const corsAllowedHeaders = ["content-type", DEVICE_TOKEN_HEADER, "x-request-id"].join(", ");
const corsExposedHeaders = ["retry-after", "x-request-id"].join(", ");
// Chromium caps a cached preflight at two hours.
const preflightMaxAgeSeconds = 7200;
// Per client IP and app. Generous, because one office or carrier NAT puts
// many browsers behind one address; routes that every push triggers set more.
const defaultSdkRateLimit: RateLimit = { limit: 600, windowSeconds: 60 };
const defaultSdkMaxBodyBytes = 16 * 1024;

export type { SdkApp };

export interface SdkDevice {
  id: bigint;
  subscriberId: bigint;
  platform: Platform;
  status: DeviceStatus;
}

type DeviceMode = "required" | "optional";
type DeviceFor<TMode> = TMode extends "required"
  ? SdkDevice
  : TMode extends "optional"
    ? SdkDevice | null
    : null;

export interface SdkRouteConfig<TBody extends z.ZodType, TQuery extends z.ZodType> {
  body?: TBody;
  query?: TQuery;
  /**
   * The device token from registration: `required` refuses a call without a
   * valid one; `optional` uses it when valid and ignores it otherwise.
   */
  device?: DeviceMode;
  /** Per client IP and app. */
  rateLimit?: RateLimit;
  maxBodyBytes?: number;
}

export interface SdkRouteContext<TBody, TQuery, TDevice> {
  request: NextRequest;
  app: SdkApp;
  body: TBody;
  query: TQuery;
  device: TDevice;
  requestId: string;
  log: Logger;
}

type Params = Record<string, string>;
type RouteHandler = (
  request: NextRequest,
  routeContext: { params: Promise<Params> },
) => Promise<Response>;

async function loadSdkApp(publicId: string | undefined): Promise<SdkApp> {
  // An id PostgreSQL could not even compare names no app.
  const app = publicId && !unstorableTextProblem(publicId) ? await findSdkApp(publicId) : null;
  if (!app) throw new AppError("not_found", `App ${publicId ?? ""} was not found`);
  return app;
}

/**
 * The CORS headers for an allowed browser origin, none for a caller that
 * sent no Origin (not a browser, so CORS protects nothing there; the device
 * token does), and a 403 for any other origin.
 */
function corsHeadersFor(request: NextRequest, app: SdkApp): Headers {
  const headers = new Headers({ vary: "Origin" });
  const origin = request.headers.get("origin");
  if (origin === null) return headers;
  if (!app.allowedOrigins.includes(origin)) {
    throw new AppError(
      "forbidden",
      `Origin ${origin} may not call this app's SDK endpoints; add it to the app's allowed origins`,
    );
  }
  headers.set("access-control-allow-origin", origin);
  headers.set("access-control-expose-headers", corsExposedHeaders);
  return headers;
}

// Every SDK call that touches a device reads it: a statement prepared once
// per connection on the shared pg pool, not a Prisma query.
const deviceOfApp = {
  name: "herald_sdk_device_v2",
  text: `SELECT id::text AS id, "subscriberId"::text AS "subscriberId", platform::text AS platform,
                status::text AS status, "sdkTokenHash"
         FROM devices WHERE id = $1::bigint AND "appId" = $2`,
};

interface DeviceRow {
  id: string;
  subscriberId: string;
  platform: Platform;
  status: DeviceStatus;
  sdkTokenHash: string | null;
}

async function authenticateDevice(request: NextRequest, app: SdkApp): Promise<SdkDevice | null> {
  const header = request.headers.get(DEVICE_TOKEN_HEADER);
  const parsed = header ? parseDeviceToken(header) : null;
  if (!parsed) return null;
  const { rows } = await getPool().query<DeviceRow>({
    ...deviceOfApp,
    values: [parsed.deviceId.toString(), app.id],
  });
  const device = rows[0];
  if (!device || !deviceSecretMatches(parsed.secret, device.sdkTokenHash)) return null;
  return {
    id: BigInt(device.id),
    subscriberId: BigInt(device.subscriberId),
    platform: device.platform,
    status: device.status,
  };
}

async function deviceFor(
  mode: DeviceMode | undefined,
  request: NextRequest,
  app: SdkApp,
): Promise<SdkDevice | null> {
  if (!mode) return null;
  const device = await authenticateDevice(request, app);
  if (!device && mode === "required") {
    throw new AppError(
      "unauthorized",
      `Send the device token from registration in the ${DEVICE_TOKEN_HEADER} header`,
    );
  }
  return device;
}

function withHeaders(response: Response, headers: Headers): Response {
  for (const [name, value] of headers) response.headers.set(name, value);
  return response;
}

/** What each SDK route declared, for the OpenAPI document's consistency test. */
const declaredSdkConfigs = new WeakMap<object, SdkRouteConfig<z.ZodType, z.ZodType>>();

export function declaredSdkRouteConfig(
  handler: object,
): Readonly<SdkRouteConfig<z.ZodType, z.ZodType>> | undefined {
  return declaredSdkConfigs.get(handler);
}

export function sdkRoute<
  TBody extends z.ZodType = z.ZodUndefined,
  TQuery extends z.ZodType = z.ZodUndefined,
  TDeviceMode extends DeviceMode | undefined = undefined,
>(
  config: SdkRouteConfig<TBody, TQuery> & { device?: TDeviceMode },
  handler: (
    context: SdkRouteContext<z.infer<TBody>, z.infer<TQuery>, DeviceFor<TDeviceMode>>,
  ) => Promise<unknown>,
): RouteHandler {
  const route: RouteHandler = async (request, routeContext) => {
    const started = performance.now();
    const requestId = randomUUID();
    const log = logger.child({ requestId, method: request.method, path: request.nextUrl.pathname });
    let response: Response;
    let cors = new Headers({ vary: "Origin" });
    try {
      const { publicId } = (await routeContext.params) ?? {};
      const app = await loadSdkApp(publicId);
      cors = corsHeadersFor(request, app);
      // A route with its own limit counts in its own bucket, as appRoute does.
      await enforceRateLimit(
        `sdk:${app.publicId}:${clientAddress(request.headers.get("x-forwarded-for"))}:${config.rateLimit ? request.nextUrl.pathname : "all"}`,
        config.rateLimit ?? defaultSdkRateLimit,
      );
      const device = await deviceFor(config.device, request, app);
      const query = config.query
        ? parseWith(config.query, storableQueryParameters(request.nextUrl.searchParams), "query")
        : undefined;
      const body = config.body
        ? parseWith(
            config.body,
            await readJsonBody(request, config.maxBodyBytes ?? defaultSdkMaxBodyBytes),
            "body",
          )
        : undefined;
      response = toResponse(
        await handler({
          request,
          app,
          // Absent schemas leave these undefined, which is what z.ZodUndefined promises.
          body: body as z.infer<TBody>,
          query: query as z.infer<TQuery>,
          // deviceFor refused a missing device when the mode requires one.
          device: device as DeviceFor<TDeviceMode>,
          requestId,
          log,
        }),
      );
    } catch (error) {
      const appError = toAppError(error);
      if (appError.status >= 500) log.error({ err: error }, "SDK request failed");
      response = problemResponse(appError, { instance: request.nextUrl.pathname, requestId });
    }
    withHeaders(response, cors);
    response.headers.set("x-request-id", requestId);
    log.info({ status: response.status, ms: Math.round(performance.now() - started) }, "request");
    return response;
  };
  declaredSdkConfigs.set(route, config);
  return route;
}

/**
 * The CORS preflight every SDK route answers: allowed origins get the
 * methods and headers the SDK uses; any other origin a 403.
 */
export const sdkPreflight: RouteHandler = async (request, routeContext) => {
  try {
    const { publicId } = (await routeContext.params) ?? {};
    const app = await loadSdkApp(publicId);
    const headers = corsHeadersFor(request, app);
    headers.set("access-control-allow-methods", "GET, POST, PUT, DELETE, OPTIONS");
    headers.set("access-control-allow-headers", corsAllowedHeaders);
    headers.set("access-control-max-age", String(preflightMaxAgeSeconds));
    return new Response(null, { status: 204, headers });
  } catch (error) {
    return problemResponse(toAppError(error), { instance: request.nextUrl.pathname });
  }
};
