import { type DeliveryReference, heraldBlockKey, readHeraldBlock } from "@/lib/push/herald-block";
import type { AccessTokens } from "./access-tokens";
import { createIdSequence, type GatewayContext } from "./context";
import type { InjectableError } from "./faults";
import { type FcmViolation, findFcmViolation } from "./fcm-message-validation";
import {
  type GatewayReply,
  type GatewayRequest,
  type GatewayResponse,
  json,
  noAnswer,
} from "./http";

export const fcmPathPrefix = "/v1/projects/";
const sendPath = /^\/v1\/projects\/([^/]+)\/messages:send$/;

const fcmErrorType = "type.googleapis.com/google.firebase.fcm.v1.FcmError";
const badRequestType = "type.googleapis.com/google.rpc.BadRequest";

/** Google's error body: `error.status` is the RPC code, `details[].errorCode` FCM's own. */
function googleError(
  code: number,
  status: string,
  message: string,
  details: Record<string, unknown>[] = [],
): GatewayResponse {
  return json(code, {
    error: { code, message, status, ...(details.length > 0 ? { details } : {}) },
  });
}

const fcmError = (code: number, status: string, errorCode: string, message: string) =>
  googleError(code, status, message, [{ "@type": fcmErrorType, errorCode }]);

/** FCM's answer for each injectable errorCode. */
const injected: Record<InjectableError<"android">, () => GatewayResponse> = {
  UNREGISTERED: () => fcmError(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found."),
  INVALID_ARGUMENT: () =>
    googleError(400, "INVALID_ARGUMENT", "Request contains an invalid argument.", [
      { "@type": fcmErrorType, errorCode: "INVALID_ARGUMENT" },
    ]),
  QUOTA_EXCEEDED: () =>
    fcmError(
      429,
      "RESOURCE_EXHAUSTED",
      "QUOTA_EXCEEDED",
      "Quota exceeded for quota metric 'Send requests'.",
    ),
  UNAVAILABLE: () =>
    fcmError(503, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable."),
  INTERNAL: () => fcmError(500, "INTERNAL", "INTERNAL", "Internal error encountered."),
  SENDER_ID_MISMATCH: () =>
    fcmError(403, "PERMISSION_DENIED", "SENDER_ID_MISMATCH", "SenderId mismatch"),
  THIRD_PARTY_AUTH_ERROR: () =>
    fcmError(
      401,
      "UNAUTHENTICATED",
      "THIRD_PARTY_AUTH_ERROR",
      "Auth error from APNS or Web Push Service",
    ),
};

function violationResponse(violation: FcmViolation): GatewayResponse {
  const badRequest = {
    "@type": badRequestType,
    fieldViolations: [{ field: violation.field, description: violation.description }],
  };
  return violation.isFcmCheck
    ? googleError(400, "INVALID_ARGUMENT", violation.message ?? violation.description, [
        { "@type": fcmErrorType, errorCode: "INVALID_ARGUMENT" },
        badRequest,
      ])
    : googleError(400, "INVALID_ARGUMENT", violation.description, [badRequest]);
}

const unauthenticated = () =>
  googleError(
    401,
    "UNAUTHENTICATED",
    "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
  );

/** `POST /v1/projects/{projectId}/messages:send`, as FCM HTTP v1 answers it. */
export function createFcmEndpoint(context: GatewayContext, tokens: AccessTokens) {
  const nextId = createIdSequence();

  return (request: GatewayRequest): GatewayReply => {
    const projectId = sendPath.exec(request.path)?.[1];
    if (!projectId) {
      return googleError(
        404,
        "NOT_FOUND",
        `The requested URL ${request.path} was not found on this server.`,
      );
    }
    if (request.method !== "POST") {
      return googleError(405, "INVALID_ARGUMENT", `Method ${request.method} is not allowed.`);
    }
    const latencyMs = context.faults.plan("android").latencyMs;
    let device: string | null = null;
    let reference: DeliveryReference | null = null;
    const reject = (response: GatewayResponse, reason: string): GatewayResponse => {
      context.recorder.rejected("android", device, reference, reason);
      return { ...response, delayMs: latencyMs };
    };

    const authorization = request.headers.authorization;
    const grant =
      typeof authorization === "string" && /^bearer /i.test(authorization)
        ? tokens.read(authorization.slice(7).trim())
        : null;
    if (!grant || grant.expiresAt <= Date.now() / 1000)
      return reject(unauthenticated(), "UNAUTHENTICATED");
    if (grant.projectId !== projectId || !grant.canSendMessages) {
      return reject(
        googleError(
          403,
          "PERMISSION_DENIED",
          `Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/${projectId}' (or it may not exist).`,
        ),
        "PERMISSION_DENIED",
      );
    }

    let body: unknown;
    try {
      body = JSON.parse(request.body.toString("utf8"));
    } catch {
      return reject(
        googleError(400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unexpected token."),
        "INVALID_ARGUMENT",
      );
    }
    const message = (body as { message?: Record<string, unknown> } | null)?.message;
    if (message && typeof message.token === "string") device = message.token;
    const data = message?.data as Record<string, unknown> | undefined;
    if (data && typeof data === "object") reference = readHeraldBlock(data[heraldBlockKey]);
    const violation = findFcmViolation(body);
    if (violation) return reject(violationResponse(violation), "INVALID_ARGUMENT");

    const target = device ?? String(message?.topic ?? message?.condition ?? "");
    const validateOnly =
      (body as { validate_only?: unknown; validateOnly?: unknown }).validate_only ??
      (body as { validateOnly?: unknown }).validateOnly;
    if (validateOnly === true)
      return json(200, { name: `projects/${projectId}/messages/fake_message_id` });

    if (device !== null && context.faults.deadSince("android", device) !== null) {
      return reject(injected.UNREGISTERED(), "UNREGISTERED");
    }
    const decision = context.faults.decide("android");
    if (decision.kind === "hang") {
      context.recorder.rejected("android", device, reference, "no_answer");
      return noAnswer;
    }
    if (decision.kind === "error") {
      const response = injected[decision.name as InjectableError<"android">]();
      const retryAfter = context.faults.plan("android").retryAfterSeconds;
      if ((response.status === 429 || response.status === 503) && retryAfter !== null) {
        response.headers = { ...response.headers, "retry-after": String(retryAfter) };
      }
      context.recorder.rejected("android", device, reference, decision.name);
      return { ...response, delayMs: decision.delayMs };
    }

    context.recorder.accepted(
      {
        platform: "android",
        device: target,
        campaignId: reference?.campaignId ?? null,
        deliveryId: reference?.deliveryId ?? null,
        receivedAt: Date.now(),
        headers: request.headers,
        payload: message,
      },
      reference,
    );
    return {
      ...json(200, { name: `projects/${projectId}/messages/${nextId()}` }),
      delayMs: decision.delayMs,
    };
  };
}
