import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { isBigintId } from "@/lib/validation";

// The web SDK gets one opaque token per device at registration and sends it
// back (X-Herald-Device-Token) for identify, receipts and preferences, so a
// page that knows only the public app id cannot act on another browser's
// device. The token names its device; only a SHA-256 of its secret is kept.
const TOKEN_PREFIX = "hdt_";

export interface IssuedDeviceToken {
  token: string;
  hash: string;
}

export function issueDeviceToken(deviceId: bigint): IssuedDeviceToken {
  const secret = randomBytes(24).toString("base64url");
  return { token: `${TOKEN_PREFIX}${deviceId}_${secret}`, hash: hashDeviceSecret(secret) };
}

export function parseDeviceToken(token: string): { deviceId: bigint; secret: string } | null {
  const match = /^hdt_(\d{1,19})_([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match?.[1] || !match[2] || !isBigintId(match[1])) return null;
  return { deviceId: BigInt(match[1]), secret: match[2] };
}

function hashDeviceSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function deviceSecretMatches(secret: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const actual = Buffer.from(hashDeviceSecret(secret), "hex");
  const expected = Buffer.from(storedHash, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
