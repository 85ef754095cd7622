import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import webpush from "web-push";
import type { ApnsSecret, FcmSecret, WebPushSecret } from "@/lib/credentials/schemas";
import type { ApnsSigningKey, FcmServiceAccountJson } from "@/lib/gateway/minted-credentials";
import {
  type PushGateway,
  type PushGatewayOptions,
  startPushGateway,
} from "@/lib/gateway/push-gateway";
import type { PushGatewayTarget } from "@/lib/push/push-agent";

export interface TestGateway {
  gateway: PushGateway;
  /** What a transport needs to send into this gateway. */
  target: PushGatewayTarget;
  stop(): Promise<void>;
}

/** The local push gateway in-process on a free port, with a throwaway state dir and no simulated latency. */
export async function startTestGateway(
  options: Partial<PushGatewayOptions> = {},
): Promise<TestGateway> {
  const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), "herald-gateway-")));
  const gateway = await startPushGateway({
    port: 0,
    latencyMs: { web: 0, ios: 0, android: 0 },
    ...options,
    stateDir,
  });
  return {
    gateway,
    target: { url: new URL(gateway.url), ca: gateway.caPem },
    stop: async () => {
      await gateway.close();
      if (!options.stateDir) await rm(stateDir, { recursive: true, force: true });
    },
  };
}

export function generateWebPushSecret(): WebPushSecret {
  return { ...webpush.generateVAPIDKeys(), subject: "mailto:push@herald.test" };
}

export function fcmSecretOf(account: FcmServiceAccountJson): FcmSecret {
  return {
    projectId: account.project_id,
    clientEmail: account.client_email,
    privateKey: account.private_key,
    tokenUri: account.token_uri,
  };
}

export function apnsSecretOf(key: ApnsSigningKey): ApnsSecret {
  return { ...key, production: true };
}

/** A 32-byte APNs device token in hex, as iOS hands it over. */
export const randomApnsToken = () => randomBytes(32).toString("hex");

/** Shaped like an FCM registration token: instance id, colon, token. */
export const randomFcmToken = () =>
  `${randomBytes(8).toString("base64url")}:APA91b${randomBytes(96).toString("base64url")}`;
