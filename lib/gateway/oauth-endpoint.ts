import { decodeJwt, decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from "jose";
import type { AccessTokens } from "./access-tokens";
import type { GatewayContext } from "./context";
import { type GatewayRequest, type GatewayResponse, json } from "./http";

export const oauthTokenPath = "/token";

const jwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const messagingScopes = [
  "https://www.googleapis.com/auth/firebase.messaging",
  "https://www.googleapis.com/auth/cloud-platform",
];
const maxAssertionLifetimeSeconds = 3600;
const clockSkewSeconds = 300;
const accessTokenLifetimeSeconds = 3600;

// Google's token endpoint answers RFC 6749 §5.2 errors with these descriptions.
const oauthError = (error: string, description: string): GatewayResponse =>
  json(400, { error, error_description: description });

function readForm(request: GatewayRequest): URLSearchParams {
  const body = request.body.toString("utf8");
  if (String(request.headers["content-type"] ?? "").includes("application/json")) {
    try {
      return new URLSearchParams(JSON.parse(body) as Record<string, string>);
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(body);
}

/**
 * The OAuth 2.0 token endpoint a minted service account's `token_uri` points
 * at: it takes an RS256 JWT assertion (RFC 7523) signed with the account's
 * private key and answers with an access token for the FCM endpoint.
 */
export function createOauthTokenEndpoint(context: GatewayContext, tokens: AccessTokens) {
  return async (request: GatewayRequest): Promise<GatewayResponse> => {
    if (request.method !== "POST") return json(405, { error: "invalid_request" });
    const form = readForm(request);
    const grantType = form.get("grant_type");
    if (grantType !== jwtBearerGrant) {
      return oauthError("unsupported_grant_type", `Invalid grant_type: ${grantType ?? ""}`);
    }
    const assertion = form.get("assertion") ?? "";
    let unverified: JWTPayload;
    try {
      decodeProtectedHeader(assertion);
      unverified = decodeJwt(assertion);
    } catch {
      return oauthError("invalid_grant", "Invalid JWT: malformed assertion.");
    }
    const account =
      typeof unverified.iss === "string"
        ? await context.credentials.findFcmAccount(unverified.iss)
        : null;
    if (!account) return oauthError("invalid_grant", "Invalid grant: account not found");
    const notShortLived = oauthError(
      "invalid_grant",
      "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.",
    );
    let claims: JWTPayload & { iat: number; exp: number };
    try {
      // requiredClaims has jose insist on numeric `iat` and `exp`, which the type states.
      ({ payload: claims } = await jwtVerify<{ iat: number; exp: number }>(
        assertion,
        account.publicKey,
        {
          algorithms: ["RS256"],
          audience: [account.tokenUri, `https://${request.authority}${oauthTokenPath}`],
          requiredClaims: ["iat", "exp"],
          clockTolerance: clockSkewSeconds,
          // Also makes jose refuse an `iat` in the future (beyond the skew);
          // the lifetime rule itself (`exp` - `iat`) is checked below.
          maxTokenAge: maxAssertionLifetimeSeconds,
        },
      ));
    } catch (error) {
      if (!(error instanceof errors.JOSEError)) throw error;
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === "aud") {
        return oauthError(
          "invalid_grant",
          `Invalid JWT: Failed audience check. The expected audience is ${account.tokenUri}.`,
        );
      }
      if (error instanceof errors.JWTExpired || error instanceof errors.JWTClaimValidationFailed) {
        return notShortLived;
      }
      return oauthError("invalid_grant", "Invalid JWT Signature.");
    }
    if (claims.exp - claims.iat > maxAssertionLifetimeSeconds) return notShortLived;
    const scopes = typeof claims.scope === "string" ? claims.scope.split(/\s+/) : [];
    const accessToken = tokens.issue({
      projectId: account.projectId,
      clientEmail: account.clientEmail,
      expiresAt: Math.floor(Date.now() / 1000) + accessTokenLifetimeSeconds,
      canSendMessages: scopes.some((scope) => messagingScopes.includes(scope)),
    });
    return json(200, {
      access_token: accessToken,
      expires_in: accessTokenLifetimeSeconds - 1,
      token_type: "Bearer",
    });
  };
}
