import type { z } from "zod";
import type { ApiKeyScope } from "@/lib/auth/permissions";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * How an operation is called: with an API key (or a member's session, which
 * the dashboard uses), from the browser SDK by public app id (optionally
 * proving a device with its token), or by anyone.
 */
export type OperationAuth = "apiKey" | "sdk" | "sdkDevice" | "public";

export interface OperationParameter {
  name: string;
  description: string;
  /** Path parameters are always required; headers say so. */
  required?: boolean;
  example?: string;
}

export interface OperationResponse {
  status: number;
  description: string;
  schema?: z.ZodType;
}

/** One operation of the public API: what the OpenAPI document and the reference page show. */
export interface ApiOperation {
  /** The OpenAPI operationId: verb first, camelCase. */
  id: string;
  method: HttpMethod;
  /** With `{name}` placeholders, exactly as the route's folders spell them. */
  path: string;
  /** The resource it belongs to, which groups it in the document and on the page. */
  tag: ApiTag;
  summary: string;
  description?: string;
  auth: OperationAuth;
  /** The API key scope it needs (`admin` holds every scope). */
  scope?: ApiKeyScope;
  pathParameters?: OperationParameter[];
  headers?: OperationParameter[];
  query?: z.ZodType;
  body?: z.ZodType;
  /** A request body that shows the common case, for the reference page's curl example. */
  example?: unknown;
  responses: OperationResponse[];
  /** Error statuses worth listing beyond the ones every operation of its kind can answer. */
  errors?: number[];
}

export const apiTags = [
  {
    name: "Subscribers",
    description:
      "The people you send to, keyed by your own external id: attributes, tags, locale and time zone; GDPR export and erasure.",
  },
  {
    name: "Devices",
    description:
      "Push addresses: APNs and FCM tokens, and web push subscriptions. The same token twice is one device.",
  },
  {
    name: "Events",
    description:
      "What subscribers do: your own events, purchases (conversions, attributed to the last opened push) and push receipts.",
  },
  {
    name: "Notifications",
    description:
      "Transactional or marketing pushes from your servers, now or later, safe to retry with an Idempotency-Key.",
  },
  {
    name: "Campaigns",
    description: "Drafts, launches and their stats: what the dashboard's composer works with.",
  },
  {
    name: "Segments",
    description:
      "Saved audiences: a versioned JSON definition of nested conditions, counted live and usable by campaigns and sends.",
  },
  {
    name: "Topics",
    description:
      "What subscribers can opt in and out of (the preference center); campaigns on a topic skip those who opted out.",
  },
  {
    name: "Analytics",
    description:
      "Delivery, open, conversion and opt-in metrics over a period, by DESIGN's definitions: rates are percentages, null when their denominator is zero.",
  },
  {
    name: "Apps",
    description: "The app's own settings.",
  },
  {
    name: "Web SDK",
    description:
      "Called by the browser SDK and service worker, by public app id and from the app's allowed origins only. Calls about a device carry the device token it got at registration.",
  },
  {
    name: "Meta",
    description: "This document.",
  },
] as const;

export type ApiTag = (typeof apiTags)[number]["name"];
