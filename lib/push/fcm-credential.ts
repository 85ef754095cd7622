import { createPrivateKey, type KeyObject, sign } from "node:crypto";
import { request } from "node:https";
import type { Credential, GoogleOAuthAccessToken } from "firebase-admin/app";
import type { FcmSecret } from "@/lib/credentials/schemas";
import { type PushAgent, withoutCapture } from "./push-agent";

export const googleTokenUri = "https://oauth2.googleapis.com/token";
const messagingScope = "https://www.googleapis.com/auth/firebase.messaging";
const assertionLifetimeSeconds = 3600;

export interface TokenFailure {
  /** Worth retrying: the token endpoint was unreachable, slow or failing (5xx, 429). */
  isTransient: boolean;
  message: string;
}

const encodeSegment = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * A firebase-admin Credential doing the service-account OAuth flow (RFC 7523
 * JWT bearer grant) against the account's own `token_uri`. firebase-admin's
 * `cert()` always posts to Google's fixed URL; honouring `token_uri` is what
 * lets the local gateway's token endpoint stand in with no other change.
 */
export class ServiceAccountCredential implements Credential {
  /** Why the last token request failed; firebase-admin reports every failure as invalid-credential. */
  lastFailure: TokenFailure | null = null;
  private readonly privateKey: KeyObject;
  private readonly tokenUri: string;

  constructor(
    private readonly account: FcmSecret,
    private readonly agent: PushAgent,
  ) {
    this.privateKey = createPrivateKey(account.privateKey);
    this.tokenUri = account.tokenUri ?? googleTokenUri;
  }

  async getAccessToken(): Promise<GoogleOAuthAccessToken> {
    try {
      const token = await withoutCapture(() => this.requestToken());
      this.lastFailure = null;
      return token;
    } catch (error) {
      this.lastFailure =
        error instanceof TokenEndpointError
          ? { isTransient: error.isTransient, message: error.message }
          : { isTransient: true, message: error instanceof Error ? error.message : String(error) };
      throw error;
    }
  }

  private assertion(): string {
    const issuedAt = Math.floor(Date.now() / 1000);
    const signingInput = `${encodeSegment({ alg: "RS256", typ: "JWT" })}.${encodeSegment({
      iss: this.account.clientEmail,
      scope: messagingScope,
      aud: this.tokenUri,
      iat: issuedAt,
      exp: issuedAt + assertionLifetimeSeconds,
    })}`;
    const signature = sign("sha256", Buffer.from(signingInput), this.privateKey);
    return `${signingInput}.${signature.toString("base64url")}`;
  }

  private requestToken(): Promise<GoogleOAuthAccessToken> {
    const body = new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion: this.assertion(),
    }).toString();
    return new Promise((resolve, reject) => {
      const call = request(
        this.tokenUri,
        {
          method: "POST",
          agent: this.agent,
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "content-length": Buffer.byteLength(body),
          },
        },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => {
            text += chunk;
          });
          response.on("end", () => {
            const status = response.statusCode ?? 0;
            let parsed: Partial<
              GoogleOAuthAccessToken & { error: string; error_description: string }
            > = {};
            try {
              parsed = JSON.parse(text);
            } catch {
              // A non-JSON answer is reported by status below.
            }
            if (
              status === 200 &&
              typeof parsed.access_token === "string" &&
              typeof parsed.expires_in === "number"
            ) {
              resolve({ access_token: parsed.access_token, expires_in: parsed.expires_in });
              return;
            }
            const detail = parsed.error
              ? `${parsed.error}: ${parsed.error_description ?? ""}`
              : `HTTP ${status}`;
            reject(
              new TokenEndpointError(
                `Token endpoint ${this.tokenUri} refused the service account ${this.account.clientEmail} (${detail})`,
                status === 429 || status >= 500,
              ),
            );
          });
        },
      );
      call.on("error", reject);
      call.end(body);
    });
  }
}

class TokenEndpointError extends Error {
  constructor(
    message: string,
    readonly isTransient: boolean,
  ) {
    super(message);
  }
}
