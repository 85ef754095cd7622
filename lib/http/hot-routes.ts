import type { IncomingMessage, ServerResponse } from "node:http";
import { POST as postEvents } from "@/app/api/v1/events/route";
import {
  POST as postReceipts,
  OPTIONS as receiptsPreflight,
} from "@/app/api/v1/sdk/[publicId]/receipts/route";
import { nodeRoute } from "./node-route";

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

function decodedParams(groups: Record<string, string> | undefined): Record<string, string> | null {
  const params: Record<string, string> = {};
  try {
    for (const [name, value] of Object.entries(groups ?? {}))
      params[name] = decodeURIComponent(value);
  } catch {
    return null;
  }
  return params;
}

/**
 * The handler serving this request URL outside Next (see workers/web-server.ts),
 * or null for every other request, which Next serves. A path that only
 * nearly matches (a trailing slash, a malformed escape) is left to Next too,
 * which answers it as it would any unknown path.
 */
export function hotRouteFor(url: string): NodeHandler | null {
  const queryStart = url.indexOf("?");
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  for (const route of hotRoutes) {
    const match = route.path.exec(path);
    if (!match) continue;
    const params = decodedParams(match.groups);
    if (!params) return null;
    return (req, res) => route.serve(req, res, params);
  }
  return null;
}
