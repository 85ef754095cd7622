import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { POST as postEvents } from "@/app/api/v1/events/route";
import {
  POST as postReceipts,
  OPTIONS as receiptsPreflight,
} from "@/app/api/v1/sdk/[publicId]/receipts/route";
import { AppError } from "@/lib/errors";
import { problemResponse } from "@/lib/http/problem";
import { nodeRoute, send } from "./node-route";

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

interface HotRoute {
  path: RegExp;
  serve: (
    req: IncomingMessage,
    res: ServerResponse,
    params: Record<string, string>,
  ) => Promise<void>;
}

// The endpoints called once per event and once per push shown: events from
// servers and apps, and the receipt every web push's service worker sends.
const hotRoutes: HotRoute[] = [
  { path: /^\/api\/v1\/events$/, serve: nodeRoute({ POST: postEvents }, "/api/v1/events") },
  {
    path: /^\/api\/v1\/sdk\/(?<publicId>[^/]+)\/receipts$/,
    serve: nodeRoute(
      { POST: postReceipts, OPTIONS: receiptsPreflight },
      "/api/v1/sdk/[publicId]/receipts",
    ),
  },
];

// Every hot path is under /api/, decoded whole before it gets here (see hotRouteFor).
function decodedParams(groups: Record<string, string> | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups ?? {}))
    params[name] = decodeURIComponent(value);
  return params;
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** Next answers an API path with a malformed escape with a plain-text 500; the API's clients get a problem. */
const malformedApiPath = (path: string): NodeHandler => {
  const error = new AppError("bad_request", "The request path has a malformed percent-encoding");
  return (_req, res) =>
    send(problemResponse(error, { instance: path, requestId: randomUUID() }), res);
};

/**
 * The handler serving this request URL outside Next (see workers/web-server.ts),
 * or null for every other request, which Next serves. A path that only
 * nearly matches (a trailing slash) is left to Next too, which answers it as
 * it would any unknown path; an API path Next cannot decode is answered here.
 */
export function hotRouteFor(url: string): NodeHandler | null {
  const queryStart = url.indexOf("?");
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  if (path.startsWith("/api/") && !decodes(path)) return malformedApiPath(path);
  for (const route of hotRoutes) {
    const match = route.path.exec(path);
    if (!match) continue;
    const params = decodedParams(match.groups);
    return (req, res) => route.serve(req, res, params);
  }
  return null;
}
