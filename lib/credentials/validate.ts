import { createPrivateKey } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { ApnsCredentialInput, ApnsSecret, FcmCredentialInput, FcmSecret } from "./schemas";

function invalid(field: string, message: string): AppError {
  return new AppError("validation_failed", `${field} ${message}`, { fields: [{ field, message }] });
}

const serviceAccountSchema = z.object({
  type: z.literal("service_account"),
  project_id: z.string().min(1),
  client_email: z.string().email(),
  private_key: z.string().min(1),
  token_uri: z.string().url().optional(),
});

export function validateFcmServiceAccount(input: FcmCredentialInput): FcmSecret {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.serviceAccountJson);
  } catch {
    throw invalid("serviceAccountJson", "is not valid JSON");
  }
  const result = serviceAccountSchema.safeParse(parsed);
  if (!result.success) {
    const missing = result.error.issues.map((issue) => issue.path.join(".")).join(", ");
    throw invalid(
      "serviceAccountJson",
      `is not a Firebase service-account key (check: ${missing}); download it from Project settings → Service accounts`,
    );
  }
  try {
    const key = createPrivateKey(result.data.private_key);
    if (key.asymmetricKeyType !== "rsa") throw new Error("not RSA");
  } catch {
    throw invalid(
      "serviceAccountJson",
      "has a private_key that is not an RSA private key in PEM form",
    );
  }
  return {
    projectId: result.data.project_id,
    clientEmail: result.data.client_email,
    privateKey: result.data.private_key,
    tokenUri: result.data.token_uri,
  };
}

export function validateApnsKey(input: ApnsCredentialInput): ApnsSecret {
  try {
    const key = createPrivateKey(input.privateKey);
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (key.asymmetricKeyType !== "ec" || (curve !== "prime256v1" && curve !== "P-256")) {
      throw new Error("not P-256");
    }
  } catch {
    throw invalid("privateKey", "is not an APNs .p8 key (a P-256 private key in PEM form)");
  }
  return {
    keyId: input.keyId,
    teamId: input.teamId,
    bundleId: input.bundleId,
    privateKey: input.privateKey,
    production: input.production,
  };
}
