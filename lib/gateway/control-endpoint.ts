import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { type FaultsInput, gatewayPlatforms } from "./faults";
import { type GatewayRequest, type GatewayResponse, json } from "./http";
import type { PushGatewayControl } from "./push-gateway";
import { subscriptionIdPattern } from "./web-push-keys";

export const controlPathPrefix = "/control/";

const subscriptionsInput = z.union([
  z.strictObject({ ids: z.array(z.string().regex(subscriptionIdPattern)).min(1).max(100_000) }),
  z.strictObject({
    count: z.number().int().min(1).max(100_000),
    prefix: z
      .string()
      .regex(/^[A-Za-z0-9_-]{0,100}$/)
      .default("sub-"),
  }),
]);
const serviceAccountInput = z.strictObject({
  projectId: z
    .string()
    .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/)
    .optional(),
});
const apnsKeyInput = z.strictObject({
  teamId: z
    .string()
    .regex(/^[A-Z0-9]{10}$/)
    .optional(),
  bundleId: z
    .string()
    .regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/)
    .optional(),
});
const deadTokensInput = z.strictObject({
  platform: z.enum(gatewayPlatforms),
  tokens: z.array(z.string().min(1).max(4096)).min(1).max(1_000_000),
});
const messagesQuery = z.object({
  campaignId: z.string().optional(),
  platform: z.enum(gatewayPlatforms).optional(),
  device: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
});
const deviceQuery = z.object({ platform: z.enum(gatewayPlatforms), device: z.string().min(1) });

function isAuthorized(request: GatewayRequest, controlToken: string): boolean {
  const header = request.headers.authorization;
  if (typeof header !== "string" || !/^bearer /i.test(header)) return false;
  const given = Buffer.from(header.slice(7).trim());
  const expected = Buffer.from(controlToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parseBody(request: GatewayRequest): unknown {
  if (request.body.length === 0) return {};
  return JSON.parse(request.body.toString("utf8"));
}

const query = (request: GatewayRequest) => Object.fromEntries(new URLSearchParams(request.query));

/**
 * `/control/*`: how Herald's own tests, seeds and benchmarks drive the gateway
 * (mint credentials, inject faults, read what arrived). Bearer control token.
 */
export function createControlEndpoint(control: PushGatewayControl, controlToken: string) {
  return (request: GatewayRequest): GatewayResponse => {
    const route = `${request.method} ${request.path.slice(controlPathPrefix.length - 1)}`;
    if (route === "GET /health") return json(200, { ok: true, origin: control.origin });
    if (!isAuthorized(request, controlToken)) {
      return json(401, { error: "The control API needs `Authorization: Bearer <control token>`" });
    }
    try {
      switch (route) {
        case "POST /web/subscriptions": {
          const input = subscriptionsInput.parse(parseBody(request));
          const ids =
            "ids" in input
              ? input.ids
              : Array.from({ length: input.count }, (_, index) => `${input.prefix}${index}`);
          return json(200, { subscriptions: ids.map((id) => control.mintWebSubscription(id)) });
        }
        case "POST /fcm/service-accounts": {
          const input = serviceAccountInput.parse(parseBody(request));
          return json(200, control.mintFcmServiceAccount(input));
        }
        case "POST /apns/keys":
          return json(200, control.mintApnsKey(apnsKeyInput.parse(parseBody(request))));
        case "GET /faults":
          return json(200, control.describeFaults());
        case "PUT /faults":
          control.setFaults(parseBody(request) as FaultsInput);
          return json(200, control.describeFaults());
        case "POST /dead-tokens": {
          const input = deadTokensInput.parse(parseBody(request));
          control.addDeadTokens(input.platform, input.tokens);
          return json(200, { ok: true });
        }
        case "GET /stats":
          return json(200, control.stats(query(request).campaignId));
        case "GET /device-stats": {
          const input = deviceQuery.parse(query(request));
          return json(200, control.deviceStats(input.platform, input.device));
        }
        case "GET /messages":
          return json(200, { messages: control.messages(messagesQuery.parse(query(request))) });
        case "POST /reset":
          control.reset();
          return json(200, { ok: true });
        default:
          return json(404, { error: `No control route ${route}` });
      }
    } catch (error) {
      if (error instanceof z.ZodError) {
        return json(400, { error: "Invalid control request", issues: error.issues });
      }
      if (error instanceof SyntaxError) return json(400, { error: "Body is not valid JSON" });
      throw error;
    }
  };
}
