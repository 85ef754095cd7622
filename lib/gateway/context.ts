import type { FaultInjector } from "./faults";
import type { MintedCredentials } from "./minted-credentials";
import type { GatewayRecorder } from "./records";
import type { WebPushKeyring } from "./web-push-keys";

/** What every endpoint of one running gateway shares. */
export interface GatewayContext {
  seed: Buffer;
  keyring: WebPushKeyring;
  credentials: MintedCredentials;
  faults: FaultInjector;
  recorder: GatewayRecorder;
}

/** A per-process sequence for message ids: cheaper than random bytes on every accepted push. */
export function createIdSequence(): () => string {
  const prefix = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  let next = 0;
  return () => `${prefix}${(next++).toString(36)}`;
}
