import type { ApiOperation } from "./operation";
import { appOperations } from "./operations/apps";
import { campaignOperations } from "./operations/campaigns";
import { deviceOperations } from "./operations/devices";
import { eventOperations } from "./operations/events";
import { notificationOperations } from "./operations/notifications";
import { sdkOperations } from "./operations/sdk";
import { segmentOperations } from "./operations/segments";
import { statsOperations } from "./operations/stats";
import { subscriberOperations } from "./operations/subscribers";

/**
 * Every operation of the public API, in the order the reference shows them:
 * the one source of the OpenAPI document and the dashboard's API reference.
 * A test checks it against the route files (paths, methods, scopes, schemas):
 * a route reachable with an API key, the SDK or by anyone needs an entry here.
 */
export const apiOperations: ApiOperation[] = [
  ...subscriberOperations,
  ...deviceOperations,
  ...eventOperations,
  ...segmentOperations,
  ...notificationOperations,
  ...campaignOperations,
  ...statsOperations,
  ...appOperations,
  ...sdkOperations,
  {
    id: "getOpenApiDocument",
    method: "GET",
    path: "/api/v1/openapi.json",
    tag: "Meta",
    summary: "Get this API's OpenAPI 3.1 document",
    auth: "public",
    responses: [{ status: 200, description: "The document" }],
  },
];
