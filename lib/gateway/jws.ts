import { type KeyObject, verify } from "node:crypto";

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

function parseSegment(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Splits a compact JWS; null when it is not three base64url JSON segments. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [headerPart = "", claimsPart = "", signaturePart = ""] = parts;
  const header = parseSegment(headerPart);
  const claims = parseSegment(claimsPart);
  if (!header || !claims) return null;
  return {
    header,
    claims,
    signingInput: `${headerPart}.${claimsPart}`,
    signature: Buffer.from(signaturePart, "base64url"),
  };
}

/** Checks the signature for the algorithm the verifier insists on (never the token's own `alg` alone). */
export function hasValidSignature(
  jwt: DecodedJwt,
  algorithm: "ES256" | "RS256",
  key: KeyObject,
): boolean {
  if (jwt.header.alg !== algorithm) return false;
  const data = Buffer.from(jwt.signingInput);
  try {
    return algorithm === "ES256"
      ? // JWS carries ECDSA signatures as r‖s (RFC 7518 §3.4), not DER.
        verify("sha256", data, { key, dsaEncoding: "ieee-p1363" }, jwt.signature)
      : verify("sha256", data, key, jwt.signature);
  } catch {
    return false;
  }
}

export const numericClaim = (claims: Record<string, unknown>, name: string): number | null => {
  const value = claims[name];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
};

/**
 * Remembers what a token verified to. Senders reuse one JWT for many requests
 * (node-apn for up to an hour, web push per origin), and an ECDSA verify costs
 * more than the rest of a request; time-based checks are redone on every use.
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly maxEntries = 10_000) {}

  get(token: string): T | undefined {
    return this.entries.get(token);
  }

  set(token: string, value: T): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(token, value);
  }

  clear(): void {
    this.entries.clear();
  }
}
