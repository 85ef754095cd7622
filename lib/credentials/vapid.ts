import { createECDH } from "node:crypto";
import webpush from "web-push";
import { sealSecret } from "@/lib/crypto/secret-box";
import type { Platform } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import type { VapidCredentialInput, WebPushSecret } from "./schemas";

export function credentialAssociatedData(appId: string, platform: Platform): string {
  return `push-credential:${appId}:${platform}`;
}

export function sealCredentialSecret(appId: string, platform: Platform, secret: object): string {
  return sealSecret(JSON.stringify(secret), credentialAssociatedData(appId, platform));
}

export function generatedVapidCredential(subject: string): {
  publicConfig: { publicKey: string; subject: string; generated: true };
  secret: WebPushSecret;
} {
  const keys = webpush.generateVAPIDKeys();
  return {
    publicConfig: { publicKey: keys.publicKey, subject, generated: true },
    secret: { publicKey: keys.publicKey, privateKey: keys.privateKey, subject },
  };
}

/** Checks that the private key is a P-256 scalar whose public point is the given public key. */
export function validateVapidKeys(input: VapidCredentialInput): WebPushSecret {
  const publicKey = Buffer.from(input.publicKey, "base64url");
  const privateKey = Buffer.from(input.privateKey, "base64url");
  if (publicKey.length !== 65 || publicKey[0] !== 4) {
    throw invalid("publicKey", "is not an uncompressed P-256 point (65 bytes starting with 0x04)");
  }
  if (privateKey.length !== 32) throw invalid("privateKey", "is not 32 bytes");
  const ecdh = createECDH("prime256v1");
  try {
    ecdh.setPrivateKey(privateKey);
  } catch {
    throw invalid("privateKey", "is not a valid P-256 private key");
  }
  if (!ecdh.getPublicKey().equals(publicKey)) {
    throw invalid("privateKey", "does not belong to the public key");
  }
  return { publicKey: input.publicKey, privateKey: input.privateKey, subject: input.subject };
}

function invalid(field: string, message: string): AppError {
  return new AppError("validation_failed", `${field} ${message}`, { fields: [{ field, message }] });
}
