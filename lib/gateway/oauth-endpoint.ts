import type { AccessTokens } from "./access-tokens";
import type { GatewayContext } from "./context";
import { type GatewayRequest, type GatewayResponse, json } from "./http";
import { decodeJwt, hasValidSignature, numericClaim } from "./jws";

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
    const jwt = decodeJwt(form.get("assertion") ?? "");
    if (!jwt) return oauthError("invalid_grant", "Invalid JWT: malformed assertion.");
    const issuer = jwt.claims.iss;
    const account =
      typeof issuer === "string" ? await context.credentials.findFcmAccount(issuer) : null;
    if (!account) return oauthError("invalid_grant", "Invalid grant: account not found");
    if (!hasValidSignature(jwt, "RS256", account.publicKey)) {
      return oauthError("invalid_grant", "Invalid JWT Signature.");
    }
    const audience = jwt.claims.aud;
    const ownTokenUri = `https://${request.authority}${oauthTokenPath}`;
    if (audience !== account.tokenUri && audience !== ownTokenUri) {
      return oauthError(
        "invalid_grant",
        `Invalid JWT: Failed audience check. The expected audience is ${account.tokenUri}.`,
      );
    }
    const issuedAt = numericClaim(jwt.claims, "iat");
    const expiresAt = numericClaim(jwt.claims, "exp");
    const now = Date.now() / 1000;
    if (
      issuedAt === null ||
      expiresAt === null ||
      expiresAt - issuedAt > maxAssertionLifetimeSeconds ||
      issuedAt > now + clockSkewSeconds ||
      expiresAt < now - clockSkewSeconds
    ) {
      return oauthError(
        "invalid_grant",
        "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.",
      );
    }
    const scopes = typeof jwt.claims.scope === "string" ? jwt.claims.scope.split(/\s+/) : [];
    const accessToken = tokens.issue({
      projectId: account.projectId,
      clientEmail: account.clientEmail,
      expiresAt: Math.floor(now) + accessTokenLifetimeSeconds,
      canSendMessages: scopes.some((scope) => messagingScopes.includes(scope)),
    });
    return json(200, {
      access_token: accessToken,
      expires_in: accessTokenLifetimeSeconds - 1,
      token_type: "Bearer",
    });
  };
}
