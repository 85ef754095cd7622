import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";

// AES-256-GCM with a random 96-bit nonce. Stored as
// "v1.<nonce>.<ciphertext>.<tag>" (base64url) so the format can evolve.
const VERSION = "v1";

function masterKey(): Buffer {
  return Buffer.from(getEnv().HERALD_MASTER_KEY, "base64");
}

export function sealSecret(plaintext: string, associatedData: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", masterKey(), nonce);
  cipher.setAAD(Buffer.from(associatedData));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, nonce, body, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/**
 * `associatedData` binds a ciphertext to its row (e.g. app id + platform), so
 * a sealed secret copied onto another app's row does not decrypt.
 */
export function openSecret(sealed: string, associatedData: string): string {
  const [version, nonce, body, tag] = sealed.split(".");
  if (version !== VERSION || !nonce || !body || !tag) {
    throw new Error("Sealed secret has an unknown format");
  }
  const decipher = createDecipheriv("aes-256-gcm", masterKey(), Buffer.from(nonce, "base64url"));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(body, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}
