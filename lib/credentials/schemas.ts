import { z } from "zod";

const pem = z.string().trim().max(10_000);

export const vapidCredentialSchema = z.strictObject({
  publicKey: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{86,88}={0,2}$/, "must be a base64url P-256 public key (87 characters)"),
  privateKey: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{42,44}={0,2}$/, "must be a base64url P-256 private key (43 characters)"),
  subject: z
    .string()
    .trim()
    .regex(
      /^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/,
      "must be a mailto: address or an https: URL",
    ),
});

export const fcmCredentialSchema = z.strictObject({
  /** The service-account JSON file downloaded from the Firebase console, as text. */
  serviceAccountJson: z.string().trim().min(2).max(20_000),
});

export const apnsCredentialSchema = z.strictObject({
  keyId: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{10}$/, "must be the 10-character key id from Apple"),
  teamId: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{10}$/, "must be the 10-character team id from Apple"),
  bundleId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, "must be a bundle id like com.example.shop"),
  /** The .p8 file's contents. */
  privateKey: pem,
  production: z.boolean().default(true),
});

export const platformSchema = z.enum(["web", "ios", "android"]);

export type VapidCredentialInput = z.infer<typeof vapidCredentialSchema>;
export type FcmCredentialInput = z.infer<typeof fcmCredentialSchema>;
export type ApnsCredentialInput = z.infer<typeof apnsCredentialSchema>;

/** What the worker gets after decryption, per platform. */
export interface WebPushSecret {
  publicKey: string;
  privateKey: string;
  subject: string;
}
export interface FcmSecret {
  projectId: string;
  clientEmail: string;
  privateKey: string;
  tokenUri?: string;
}
export interface ApnsSecret {
  keyId: string;
  teamId: string;
  bundleId: string;
  privateKey: string;
  production: boolean;
}

export const webCredentialUploadSchema = z.union([
  vapidCredentialSchema,
  z.strictObject({ generate: z.literal(true), subject: vapidCredentialSchema.shape.subject }),
]);

export type CredentialUpload =
  | { platform: "web"; input: z.infer<typeof webCredentialUploadSchema> }
  | { platform: "android"; input: FcmCredentialInput }
  | { platform: "ios"; input: ApnsCredentialInput };

/** Parses an upload for the platform named in the URL; a ZodError names the bad field. */
export function parseCredentialUpload(
  platform: z.infer<typeof platformSchema>,
  body: unknown,
): CredentialUpload {
  switch (platform) {
    case "web":
      return {
        platform,
        input:
          typeof body === "object" && body !== null && "generate" in body
            ? z
                .strictObject({
                  generate: z.literal(true),
                  subject: vapidCredentialSchema.shape.subject,
                })
                .parse(body)
            : vapidCredentialSchema.parse(body),
      };
    case "android":
      return { platform, input: fcmCredentialSchema.parse(body) };
    case "ios":
      return { platform, input: apnsCredentialSchema.parse(body) };
  }
}
