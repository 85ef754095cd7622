import { createSecureServer } from "node:http2";
import type { AddressInfo } from "node:net";
import { AccessTokens } from "./access-tokens";
import { apnsPathPrefix, createApnsEndpoint } from "./apns-endpoint";
import type { GatewayContext } from "./context";
import { controlPathPrefix, createControlEndpoint } from "./control-endpoint";
import { FaultInjector, type FaultsInput, type GatewayPlatform } from "./faults";
import { createFcmEndpoint, fcmPathPrefix } from "./fcm-endpoint";
import { attachHandler, ConnectionTracker, type GatewayHandler, json } from "./http";
import {
  type ApnsSigningKey,
  type FcmServiceAccountJson,
  MintedCredentials,
} from "./minted-credentials";
import { createOauthTokenEndpoint, oauthTokenPath } from "./oauth-endpoint";
import {
  type AcceptedMessage,
  type Counts,
  type DeviceRequest,
  GatewayRecorder,
  type GatewayStats,
  type MessageFilter,
} from "./records";
import { loadGatewayControlToken, loadGatewaySeed } from "./state-dir";
import { loadOrCreateTlsMaterial } from "./tls-material";
import { createWebPushEndpoint } from "./web-push-endpoint";
import { WebPushKeyring, type WebPushSubscription, webPushPathPrefix } from "./web-push-keys";

export interface PushGatewayOptions {
  /** Where the CA, seed, control token and minted public keys live (e.g. `.herald/gateway`). */
  stateDir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Defaults to the state dir's `control-token` file (created on first start). */
  controlToken?: string;
  /** Host names or addresses to add to the server certificate besides localhost. */
  hostnames?: string[];
  /** Simulated provider round trip per platform; a few ms unless set. */
  latencyMs?: Partial<Record<GatewayPlatform, number>>;
  /** How many accepted messages `/control/messages` keeps (the most recent). */
  messageLogSize?: number;
  /** Keep every request's time and outcome per device (fault tests; costs memory per request). */
  requestLog?: boolean;
}

/** What `/control/*` exposes over HTTP, callable directly when the gateway runs in-process. */
export interface PushGatewayControl {
  readonly origin: string;
  mintWebSubscription(subscriptionId: string): WebPushSubscription;
  mintFcmServiceAccount(options?: { projectId?: string }): FcmServiceAccountJson;
  mintApnsKey(options?: { teamId?: string; bundleId?: string }): ApnsSigningKey;
  setFaults(input: FaultsInput): void;
  describeFaults(): ReturnType<FaultInjector["describe"]>;
  addDeadTokens(platform: GatewayPlatform, tokens: string[]): void;
  stats(campaignId?: string): GatewayStats;
  deviceStats(platform: GatewayPlatform, device: string): Counts;
  messages(filter?: MessageFilter): AcceptedMessage[];
  /** Forgets counts, messages, faults and dead tokens; minted credentials stay valid. */
  reset(): void;
}

export interface PushGateway extends PushGatewayControl {
  /** Same as `origin`: `https://127.0.0.1:<port>`; what HERALD_PUSH_GATEWAY_URL should hold. */
  readonly url: string;
  readonly port: number;
  readonly stateDir: string;
  /** The CA certificate file: what HERALD_PUSH_GATEWAY_CA_FILE should hold. */
  readonly caFile: string;
  readonly caPem: string;
  readonly controlToken: string;
  /** Each request for one device, oldest first, when started with `requestLog` (in-process only). */
  deviceRequests(platform: GatewayPlatform, device: string): DeviceRequest[];
  close(): Promise<void>;
}

const defaultLatencyMs = 2;

function originFor(host: string, port: number): string {
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `https://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * Starts the local push gateway: one TLS port speaking HTTP/1.1 and HTTP/2,
 * standing in for web push services, FCM HTTP v1 (and Google's OAuth token
 * endpoint) and APNs, plus the `/control/*` API.
 */
export async function startPushGateway(options: PushGatewayOptions): Promise<PushGateway> {
  const host = options.host ?? "127.0.0.1";
  const tls = await loadOrCreateTlsMaterial(options.stateDir, [host, ...(options.hostnames ?? [])]);
  const seed = loadGatewaySeed(options.stateDir);
  const controlToken = options.controlToken ?? loadGatewayControlToken(options.stateDir);
  const latency = (platform: GatewayPlatform) => options.latencyMs?.[platform] ?? defaultLatencyMs;
  const context: GatewayContext = {
    seed,
    keyring: new WebPushKeyring(seed),
    credentials: new MintedCredentials(options.stateDir),
    faults: new FaultInjector({
      web: latency("web"),
      ios: latency("ios"),
      android: latency("android"),
    }),
    recorder: new GatewayRecorder(options.messageLogSize, options.requestLog),
  };

  const server = createSecureServer({
    key: tls.privateKeyPem,
    cert: tls.certificatePem,
    allowHTTP1: true,
    // APNs lets one connection carry up to 1000 concurrent streams.
    settings: { maxConcurrentStreams: 1000 },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = originFor(host, port);

  const control: PushGatewayControl = {
    origin,
    mintWebSubscription: (subscriptionId) => context.keyring.subscription(origin, subscriptionId),
    mintFcmServiceAccount: (input = {}) =>
      context.credentials.mintFcmServiceAccount({ origin, projectId: input.projectId }),
    mintApnsKey: (input = {}) => context.credentials.mintApnsKey(input),
    setFaults: (input) => context.faults.configure(input),
    describeFaults: () => context.faults.describe(),
    addDeadTokens: (platform, tokens) => context.faults.addDeadTokens(platform, tokens),
    stats: (campaignId) => context.recorder.stats(campaignId),
    deviceStats: (platform, device) => context.recorder.deviceStats(platform, device),
    messages: (filter) => context.recorder.messages(filter),
    reset: () => {
      context.recorder.reset();
      context.faults.reset();
    },
  };

  const tokens = new AccessTokens(seed);
  const apns = createApnsEndpoint(context);
  const fcm = createFcmEndpoint(context, tokens);
  const web = createWebPushEndpoint(context);
  const oauth = createOauthTokenEndpoint(context, tokens);
  const controlEndpoint = createControlEndpoint(control, controlToken);
  const handler: GatewayHandler = (request) => {
    const path = request.path;
    if (path.startsWith(apnsPathPrefix)) return apns(request);
    if (path.startsWith(fcmPathPrefix)) return fcm(request);
    if (path.startsWith(webPushPathPrefix)) return web(request);
    if (path === oauthTokenPath) return oauth(request);
    if (path.startsWith(controlPathPrefix)) return controlEndpoint(request);
    return json(404, { reason: "BadPath" });
  };
  const tracker = new ConnectionTracker();
  attachHandler(server, handler, tracker);

  return {
    ...control,
    url: origin,
    port,
    stateDir: options.stateDir,
    caFile: tls.caFile,
    caPem: tls.caPem,
    controlToken,
    deviceRequests: (platform, device) => context.recorder.deviceRequests(platform, device),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        tracker.destroyAll();
      }),
  };
}
