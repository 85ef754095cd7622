import { randomUUID } from "node:crypto";
import { decodeProtectedHeader, errors, jwtVerify } from "jose";
import { type DeliveryReference, heraldBlockKey, readHeraldBlock } from "@/lib/push/herald-block";
import type { GatewayContext } from "./context";
import type { InjectableError } from "./faults";
import {
  type GatewayReply,
  type GatewayRequest,
  type GatewayResponse,
  json,
  noAnswer,
} from "./http";
import { VerifiedTokenCache } from "./verified-token-cache";

export const apnsPathPrefix = "/3/device/";

const providerTokenLifetimeSeconds = 60 * 60;
const tokenUpdateIntervalMs = 20 * 60 * 1000;
const pushTypes = new Set([
  "alert",
  "background",
  "location",
  "voip",
  "complication",
  "fileprovider",
  "mdm",
  "liveactivity",
  "pushtotalk",
  "widgets",
  "controls",
]);
// Push types that go to a topic derived from the bundle id.
const topicSuffixes: Record<string, string> = {
  voip: ".voip",
  complication: ".complication",
  fileprovider: ".pushkit.fileprovider",
  liveactivity: ".push-type.liveactivity",
  location: ".location-query",
  pushtotalk: ".voip-ptt",
};
const devicePattern = /^(?:[0-9a-fA-F]{2}){32,100}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ProviderToken {
  keyId: string;
  teamId: string;
  bundleId: string;
  issuedAt: number;
}

const reasonBody = (
  status: number,
  reason: string,
  extra: Record<string, unknown> = {},
): GatewayResponse => json(status, { reason, ...extra });

const injected: Record<InjectableError<"ios">, number> = {
  Unregistered: 410,
  BadDeviceToken: 400,
  TooManyRequests: 429,
  InternalServerError: 500,
  ServiceUnavailable: 503,
};

/** The `kid` of a provider token's header; null when the token does not even decode. */
function keyIdOf(token: string): string | null {
  try {
    const { kid } = decodeProtectedHeader(token);
    return typeof kid === "string" ? kid : null;
  } catch {
    return null;
  }
}

/** `POST /3/device/{token}` as APNs answers it, provider-token (JWT) authentication only. */
export function createApnsEndpoint(context: GatewayContext) {
  const verified = new VerifiedTokenCache<ProviderToken>();
  // Apple limits how often a connection may switch to a new provider token.
  const connectionTokens = new WeakMap<object, { token: string; since: number }>();

  async function authenticate(
    authorization: string | string[] | undefined,
  ): Promise<{ token: ProviderToken; raw: string } | { reason: string }> {
    if (typeof authorization !== "string" || !/^bearer /i.test(authorization)) {
      return { reason: "MissingProviderToken" };
    }
    const raw = authorization.slice(7).trim();
    const cached = verified.get(raw);
    if (cached) return { token: cached, raw };
    const keyId = keyIdOf(raw);
    const key = keyId === null ? null : await context.credentials.findApnsKey(keyId);
    if (!key) return { reason: "InvalidProviderToken" };
    let issuedAt: number;
    try {
      // requiredClaims has jose insist on a numeric `iat`, which the type states.
      const { payload } = await jwtVerify<{ iat: number }>(raw, key.publicKey, {
        algorithms: ["ES256"],
        issuer: key.teamId,
        requiredClaims: ["iat"],
      });
      issuedAt = payload.iat;
    } catch (error) {
      if (!(error instanceof errors.JOSEError)) throw error;
      // node-apn sends no `exp`; a token that has one in the past is as stale as an old `iat`.
      return {
        reason:
          error instanceof errors.JWTExpired ? "ExpiredProviderToken" : "InvalidProviderToken",
      };
    }
    const token = { keyId: key.keyId, teamId: key.teamId, bundleId: key.bundleId, issuedAt };
    verified.set(raw, token);
    return { token, raw };
  }

  return async (request: GatewayRequest): Promise<GatewayReply> => {
    const latencyMs = context.faults.plan("ios").latencyMs;
    const device = request.path.slice(apnsPathPrefix.length);
    let reference: DeliveryReference | null = null;
    const reject = (
      status: number,
      reason: string,
      extra: Record<string, unknown> = {},
    ): GatewayResponse => {
      context.recorder.rejected("ios", device || null, reference, reason);
      return { ...reasonBody(status, reason, extra), delayMs: latencyMs };
    };

    if (!request.isHttp2) return { status: 505, body: "APNs speaks HTTP/2 only" };
    if (request.method !== "POST") return reject(405, "MethodNotAllowed");
    if (device === "") return reject(400, "MissingDeviceToken");

    const auth = await authenticate(request.headers.authorization);
    if ("reason" in auth) return reject(403, auth.reason);
    if (Date.now() / 1000 - auth.token.issuedAt > providerTokenLifetimeSeconds) {
      return reject(403, "ExpiredProviderToken");
    }
    const current = connectionTokens.get(request.connection);
    if (!current) {
      connectionTokens.set(request.connection, { token: auth.raw, since: Date.now() });
    } else if (current.token !== auth.raw) {
      if (Date.now() - current.since < tokenUpdateIntervalMs)
        return reject(429, "TooManyProviderTokenUpdates");
      connectionTokens.set(request.connection, { token: auth.raw, since: Date.now() });
    }

    const headers = request.headers;
    const pushType = String(headers["apns-push-type"] ?? "alert");
    if (!pushTypes.has(pushType)) return reject(400, "InvalidPushType");
    const topic = headers["apns-topic"];
    if (typeof topic !== "string" || topic === "") return reject(400, "MissingTopic");
    if (
      topic !== auth.token.bundleId &&
      topic !== `${auth.token.bundleId}${topicSuffixes[pushType] ?? ""}`
    ) {
      return reject(400, "TopicDisallowed");
    }
    const priority = String(headers["apns-priority"] ?? "10");
    if (!["10", "5", "1"].includes(priority) || (pushType === "background" && priority === "10")) {
      return reject(400, "BadPriority");
    }
    const expiration = headers["apns-expiration"];
    if (expiration !== undefined && !/^\d+$/.test(String(expiration)))
      return reject(400, "BadExpirationDate");
    const collapseId = headers["apns-collapse-id"];
    if (typeof collapseId === "string" && Buffer.byteLength(collapseId) > 64)
      return reject(400, "BadCollapseId");
    const apnsId = headers["apns-id"];
    if (apnsId !== undefined && !uuidPattern.test(String(apnsId)))
      return reject(400, "BadMessageId");
    if (!devicePattern.test(device)) return reject(400, "BadDeviceToken");

    const limit = pushType === "voip" ? 5120 : 4096;
    if (request.body.length === 0) return reject(400, "PayloadEmpty");
    if (request.bodyTooLarge || request.body.length > limit) return reject(413, "PayloadTooLarge");
    let payload: unknown;
    try {
      payload = JSON.parse(request.body.toString("utf8"));
    } catch {
      // Apple documents no reason for malformed JSON; the gateway refuses it
      // so a builder bug shows up in tests instead of on a phone.
      return reject(400, "BadPayload");
    }
    if (typeof payload === "object" && payload !== null) {
      reference = readHeraldBlock((payload as Record<string, unknown>)[heraldBlockKey]);
    }

    const deadSince = context.faults.deadSince("ios", device);
    if (deadSince !== null) return reject(410, "Unregistered", { timestamp: deadSince });
    const decision = context.faults.decide("ios");
    if (decision.kind === "hang") {
      context.recorder.rejected("ios", device, reference, "no_answer");
      return noAnswer;
    }
    const responseId = typeof apnsId === "string" ? apnsId : randomUUID();
    if (decision.kind === "error") {
      const status = injected[decision.name as InjectableError<"ios">];
      const extra = decision.name === "Unregistered" ? { timestamp: Date.now() } : {};
      const retryAfter = context.faults.plan("ios").retryAfterSeconds;
      context.recorder.rejected("ios", device, reference, decision.name);
      const response = reasonBody(status, decision.name, extra);
      response.headers = {
        ...response.headers,
        "apns-id": responseId,
        ...((status === 429 || status === 503) && retryAfter !== null
          ? { "retry-after": String(retryAfter) }
          : {}),
      };
      return { ...response, delayMs: decision.delayMs };
    }

    context.recorder.accepted(
      {
        platform: "ios",
        device,
        campaignId: reference?.campaignId ?? null,
        deliveryId: reference?.deliveryId ?? null,
        receivedAt: Date.now(),
        headers,
        payload,
      },
      reference,
    );
    return { status: 200, headers: { "apns-id": responseId }, delayMs: decision.delayMs };
  };
}
