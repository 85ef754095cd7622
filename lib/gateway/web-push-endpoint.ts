import ece from "http_ece";
import { errors, importJWK, jwtVerify } from "jose";
import { type DeliveryReference, heraldBlockKey, readHeraldBlock } from "@/lib/push/herald-block";
import { createIdSequence, type GatewayContext } from "./context";
import { type GatewayReply, type GatewayRequest, type GatewayResponse, noAnswer } from "./http";
import { VerifiedTokenCache } from "./verified-token-cache";
import { subscriptionIdPattern, webPushPathPrefix } from "./web-push-keys";

// RFC 8188 records hold 4096 bytes: a push service refuses bigger bodies.
const maxBodyBytes = 4096;
const maxVapidLifetimeSeconds = 24 * 60 * 60;
const clockSkewSeconds = 60;
const urgencies = new Set(["very-low", "low", "normal", "high"]);
const topicPattern = /^[A-Za-z0-9_-]{1,32}$/;

interface VerifiedVapid {
  audience: string;
  expiresAt: number;
}

type VapidCheck = { ok: true } | { ok: false; status: 401 | 403; reason: string };

function parseVapidHeader(header: string | undefined): { jwt: string; key: string } | null {
  if (!header) return null;
  const match = /^vapid\s+(.*)$/i.exec(header.trim());
  if (!match?.[1]) return null;
  const params = new Map<string, string>();
  for (const part of match[1].split(",")) {
    const separator = part.indexOf("=");
    if (separator > 0)
      params.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const jwt = params.get("t");
  const key = params.get("k");
  return jwt && key ? { jwt, key } : null;
}

async function vapidPublicKey(key: string): Promise<CryptoKey | null> {
  const point = Buffer.from(key, "base64url");
  if (point.length !== 65 || point[0] !== 4) return null;
  try {
    return await importJWK(
      {
        kty: "EC",
        crv: "P-256",
        x: point.subarray(1, 33).toString("base64url"),
        y: point.subarray(33).toString("base64url"),
      },
      "ES256",
    );
  } catch {
    // Not a point on P-256.
    return null;
  }
}

const doesNotVerify: VapidCheck = {
  ok: false,
  status: 401,
  reason: "VAPID JWT signature does not verify",
};
const lacksAudienceOrExpiry: VapidCheck = {
  ok: false,
  status: 403,
  reason: "VAPID JWT lacks aud or exp",
};
const hasExpired: VapidCheck = { ok: false, status: 403, reason: "VAPID JWT has expired" };

/** RFC 8292: an ES256 JWT for this push service's origin, expiring within 24 h, plus the signer's key. */
async function checkVapid(
  header: string | undefined,
  origin: string,
  cache: VerifiedTokenCache<VerifiedVapid>,
): Promise<VapidCheck> {
  const now = Date.now() / 1000;
  const timing = (vapid: VerifiedVapid): VapidCheck => {
    if (vapid.audience !== origin) {
      return { ok: false, status: 403, reason: `VAPID aud ${vapid.audience} is not ${origin}` };
    }
    if (vapid.expiresAt <= now) return hasExpired;
    if (vapid.expiresAt > now + maxVapidLifetimeSeconds + clockSkewSeconds) {
      return { ok: false, status: 403, reason: "VAPID JWT expires more than 24 hours ahead" };
    }
    return { ok: true };
  };
  if (header) {
    const cached = cache.get(header);
    if (cached) return timing(cached);
  }
  const vapid = parseVapidHeader(header);
  if (!vapid) return { ok: false, status: 401, reason: "missing VAPID authorization" };
  const key = await vapidPublicKey(vapid.key);
  if (!key) return doesNotVerify;
  let claims: { aud?: unknown; exp: number; sub?: unknown };
  try {
    // requiredClaims has jose insist on a numeric `exp`, which the type states.
    ({ payload: claims } = await jwtVerify<{ exp: number }>(vapid.jwt, key, {
      algorithms: ["ES256"],
      requiredClaims: ["aud", "exp"],
    }));
  } catch (error) {
    if (!(error instanceof errors.JOSEError)) throw error;
    // jose checks `exp` before the `sub` and `aud` checks below, so a token that
    // has expired reads as expired whatever else is wrong with it.
    if (error instanceof errors.JWTExpired) return hasExpired;
    if (error instanceof errors.JWTClaimValidationFailed) {
      // Besides aud and exp, jose refuses a future `nbf` and a non-numeric `iat`.
      return error.claim === "aud" || error.claim === "exp"
        ? lacksAudienceOrExpiry
        : { ok: false, status: 403, reason: `VAPID JWT ${error.message}` };
    }
    return doesNotVerify;
  }
  if (typeof claims.aud !== "string") return lacksAudienceOrExpiry;
  if (typeof claims.sub !== "string" || !/^(mailto:|https:)/.test(claims.sub)) {
    return { ok: false, status: 403, reason: "VAPID sub must be a mailto: or https: URI" };
  }
  const verified = { audience: claims.aud, expiresAt: claims.exp };
  if (header) cache.set(header, verified);
  return timing(verified);
}

const text = (status: number, message: string, headers: GatewayResponse["headers"] = {}) => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  body: message,
});

/** Web push endpoints `/web/push/<subscription id>`: VAPID check, RFC 8291 decryption, 201. */
export function createWebPushEndpoint(context: GatewayContext) {
  const vapidCache = new VerifiedTokenCache<VerifiedVapid>();
  const nextId = createIdSequence();

  return async (request: GatewayRequest): Promise<GatewayReply> => {
    const subscriptionId = request.path.slice(webPushPathPrefix.length);
    if (!subscriptionIdPattern.test(subscriptionId)) {
      return text(404, "No such subscription");
    }
    if (request.method !== "POST") return text(405, "Push messages are POSTed", { allow: "POST" });
    let reference: DeliveryReference | null = null;
    const reject = (status: number, reason: string, headers: GatewayResponse["headers"] = {}) => {
      context.recorder.rejected("web", subscriptionId, reference, reason);
      return { ...text(status, reason, headers), delayMs: context.faults.plan("web").latencyMs };
    };

    const vapid = await checkVapid(
      request.headers.authorization,
      `https://${request.authority}`,
      vapidCache,
    );
    if (!vapid.ok) return reject(vapid.status, vapid.reason);
    const ttl = request.headers.ttl;
    if (typeof ttl !== "string" || !/^\d+$/.test(ttl)) {
      return reject(400, "TTL header is required (RFC 8030 §5.2)");
    }
    const urgency = request.headers.urgency;
    if (urgency !== undefined && !urgencies.has(String(urgency))) {
      return reject(400, `Urgency ${String(urgency)} is not very-low, low, normal or high`);
    }
    const topic = request.headers.topic;
    if (topic !== undefined && !topicPattern.test(String(topic))) {
      return reject(400, "Topic must be at most 32 URL-safe base64 characters");
    }
    if (request.bodyTooLarge || request.body.length > maxBodyBytes) {
      return reject(
        413,
        `Payload is ${request.body.length} bytes; at most ${maxBodyBytes} are accepted`,
      );
    }

    let payload: unknown = null;
    if (request.body.length > 0) {
      if (request.headers["content-encoding"] !== "aes128gcm") {
        return reject(415, "Content-Encoding must be aes128gcm (RFC 8291)");
      }
      const keys = context.keyring.keysFor(subscriptionId);
      let plaintext: Buffer;
      try {
        plaintext = ece.decrypt(request.body, {
          version: "aes128gcm",
          privateKey: keys.ecdh,
          authSecret: keys.authSecret,
        });
      } catch {
        // A real push service cannot tell and the browser would drop the push.
        // Gone is the useful answer: such a subscription (minted under another
        // seed, say) will never receive anything, while a 400 would read as a
        // VAPID fault and fail the app's whole credential.
        return reject(410, "Payload does not decrypt with this subscription's keys");
      }
      const decoded = plaintext.toString("utf8");
      try {
        payload = JSON.parse(decoded);
      } catch {
        payload = decoded;
      }
      if (typeof payload === "object" && payload !== null) {
        reference = readHeraldBlock((payload as Record<string, unknown>)[heraldBlockKey]);
      }
    }

    const deadSince = context.faults.deadSince("web", subscriptionId);
    if (deadSince !== null) return reject(410, "Subscription has expired or unsubscribed");
    const decision = context.faults.decide("web");
    if (decision.kind === "hang") {
      context.recorder.rejected("web", subscriptionId, reference, "no_answer");
      return noAnswer;
    }
    if (decision.kind === "error") {
      const status = Number(decision.name);
      const retryAfter = context.faults.plan("web").retryAfterSeconds;
      const headers =
        (status === 429 || status === 503) && retryAfter !== null
          ? { "retry-after": String(retryAfter) }
          : {};
      context.recorder.rejected("web", subscriptionId, reference, `http_${status}`);
      return { ...text(status, `Injected ${status}`, headers), delayMs: decision.delayMs };
    }

    context.recorder.accepted(
      {
        platform: "web",
        device: subscriptionId,
        campaignId: reference?.campaignId ?? null,
        deliveryId: reference?.deliveryId ?? null,
        receivedAt: Date.now(),
        headers: request.headers,
        payload,
      },
      reference,
    );
    return {
      status: 201,
      headers: { location: `/web/message/${nextId()}`, ttl },
      delayMs: decision.delayMs,
    };
  };
}
