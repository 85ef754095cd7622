import { request } from "node:https";
import type { FaultsInput, GatewayPlatform } from "./faults";
import type { ApnsSigningKey, FcmServiceAccountJson } from "./minted-credentials";
import type { PushGatewayControl } from "./push-gateway";
import type { AcceptedMessage, Counts, GatewayStats, MessageFilter } from "./records";
import type { WebPushSubscription } from "./web-push-keys";

export interface GatewayControlClientOptions {
  url: string;
  controlToken: string;
  /** PEM of the gateway's CA. */
  ca: string;
}

type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : T[K];
};

export type GatewayControlClient = Omit<
  Async<PushGatewayControl>,
  "origin" | "mintWebSubscription"
> & {
  mintWebSubscriptions(
    input: { ids: string[] } | { count: number; prefix?: string },
  ): Promise<WebPushSubscription[]>;
};

/** `/control/*` over HTTPS, for processes that did not start the gateway (seeds, benchmarks). */
export function createGatewayControlClient(
  options: GatewayControlClientOptions,
): GatewayControlClient {
  const call = <T>(method: string, path: string, body?: unknown): Promise<T> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const outgoing = request(
        new URL(`/control${path}`, options.url),
        {
          method,
          ca: options.ca,
          headers: {
            authorization: `Bearer ${options.controlToken}`,
            ...(payload
              ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }
              : {}),
          },
        },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => {
            text += chunk;
          });
          response.on("end", () => {
            if ((response.statusCode ?? 500) >= 400) {
              reject(
                new Error(
                  `Gateway control ${method} ${path} answered ${response.statusCode}: ${text}`,
                ),
              );
            } else {
              resolve(JSON.parse(text) as T);
            }
          });
        },
      );
      outgoing.on("error", reject);
      outgoing.end(payload);
    });
  const search = (params: Record<string, string | number | undefined>) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
      if (value !== undefined) query.set(key, String(value));
    const text = query.toString();
    return text ? `?${text}` : "";
  };

  return {
    mintWebSubscriptions: async (input) =>
      (await call<{ subscriptions: WebPushSubscription[] }>("POST", "/web/subscriptions", input))
        .subscriptions,
    mintFcmServiceAccount: (input = {}) =>
      call<FcmServiceAccountJson>("POST", "/fcm/service-accounts", input),
    mintApnsKey: (input = {}) => call<ApnsSigningKey>("POST", "/apns/keys", input),
    setFaults: async (input: FaultsInput) => {
      await call("PUT", "/faults", input);
    },
    describeFaults: () => call("GET", "/faults"),
    addDeadTokens: async (platform: GatewayPlatform, tokens: string[]) => {
      await call("POST", "/dead-tokens", { platform, tokens });
    },
    stats: (campaignId?: string) => call<GatewayStats>("GET", `/stats${search({ campaignId })}`),
    deviceStats: (platform: GatewayPlatform, device: string) =>
      call<Counts>("GET", `/device-stats${search({ platform, device })}`),
    messages: async (filter: MessageFilter = {}) =>
      (await call<{ messages: AcceptedMessage[] }>("GET", `/messages${search({ ...filter })}`))
        .messages,
    reset: async () => {
      await call("POST", "/reset");
    },
  };
}
