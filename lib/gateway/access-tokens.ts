import { createHmac, timingSafeEqual } from "node:crypto";
import { VerifiedTokenCache } from "./verified-token-cache";

export interface AccessTokenGrant {
  projectId: string;
  clientEmail: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  canSendMessages: boolean;
}

const prefix = "ya29.herald.";

/**
 * OAuth access tokens the gateway issues: the grant itself, MACed with the
 * gateway seed. Nothing is stored, so a restarted gateway still honours the
 * tokens firebase-admin cached (as Google's do across Google's restarts).
 */
export class AccessTokens {
  private readonly verified = new VerifiedTokenCache<AccessTokenGrant>();

  constructor(private readonly seed: Buffer) {}

  private mac(body: string): string {
    return createHmac("sha256", this.seed).update(`access-token:${body}`).digest("base64url");
  }

  issue(grant: AccessTokenGrant): string {
    const body = Buffer.from(
      JSON.stringify([
        grant.projectId,
        grant.clientEmail,
        grant.expiresAt,
        grant.canSendMessages ? 1 : 0,
      ]),
    ).toString("base64url");
    return `${prefix}${body}.${this.mac(body)}`;
  }

  /** The grant of a token this gateway issued, or null; expiry is the caller's to check. */
  read(token: string): AccessTokenGrant | null {
    const cached = this.verified.get(token);
    if (cached) return cached;
    if (!token.startsWith(prefix)) return null;
    const [body = "", mac = ""] = token.slice(prefix.length).split(".");
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const [projectId, clientEmail, expiresAt, canSend] = JSON.parse(
      Buffer.from(body, "base64url").toString("utf8"),
    ) as [string, string, number, number];
    const grant = { projectId, clientEmail, expiresAt, canSendMessages: canSend === 1 };
    this.verified.set(token, grant);
    return grant;
  }
}
