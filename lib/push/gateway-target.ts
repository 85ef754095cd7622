import { readFileSync } from "node:fs";
import type { PushGatewayTarget } from "./push-agent";

/**
 * The local push gateway to send to, from HERALD_PUSH_GATEWAY_URL and
 * HERALD_PUSH_GATEWAY_CA_FILE; null means the real push services.
 */
export function readPushGatewayTarget(env: {
  HERALD_PUSH_GATEWAY_URL?: string;
  HERALD_PUSH_GATEWAY_CA_FILE?: string;
}): PushGatewayTarget | null {
  if (!env.HERALD_PUSH_GATEWAY_URL) return null;
  const url = new URL(env.HERALD_PUSH_GATEWAY_URL);
  if (url.protocol !== "https:") {
    throw new Error(`HERALD_PUSH_GATEWAY_URL must be an https URL (got ${url.protocol})`);
  }
  if (!env.HERALD_PUSH_GATEWAY_CA_FILE) {
    throw new Error("HERALD_PUSH_GATEWAY_CA_FILE is required when HERALD_PUSH_GATEWAY_URL is set");
  }
  return { url, ca: readFileSync(env.HERALD_PUSH_GATEWAY_CA_FILE, "utf8") };
}
