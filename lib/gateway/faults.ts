import { z } from "zod";

export const gatewayPlatforms = ["web", "ios", "android"] as const;
export type GatewayPlatform = (typeof gatewayPlatforms)[number];

/**
 * The error answers the gateway can inject, named by each provider's own
 * identifiers: HTTP statuses for web push, APNs `reason`s, FCM `errorCode`s.
 */
export const injectableErrors = {
  web: ["403", "404", "410", "413", "429", "500", "503"],
  ios: [
    "Unregistered",
    "BadDeviceToken",
    "TooManyRequests",
    "InternalServerError",
    "ServiceUnavailable",
  ],
  android: [
    "UNREGISTERED",
    "INVALID_ARGUMENT",
    "QUOTA_EXCEEDED",
    "UNAVAILABLE",
    "INTERNAL",
    "SENDER_ID_MISMATCH",
    "THIRD_PARTY_AUTH_ERROR",
  ],
} as const satisfies Record<GatewayPlatform, readonly string[]>;

export type InjectableError<P extends GatewayPlatform> = (typeof injectableErrors)[P][number];

const rate = z.number().min(0).max(1);

function platformFaultsSchema<P extends GatewayPlatform>(platform: P) {
  const names = injectableErrors[platform] as unknown as [string, ...string[]];
  return z
    .strictObject({
      /** Share of requests (0–1) answered with each error; the shares must add up to at most 1. */
      errors: z.partialRecord(z.enum(names), rate).default({}),
      /** Retry-After sent with 429 and 503 answers; omitted when null. */
      retryAfterSeconds: z.number().int().min(0).max(86_400).nullable().default(1),
      slow: z.strictObject({ rate, delayMs: z.number().int().min(0).max(600_000) }).optional(),
      /** Share of requests never answered (the connection stays open). */
      hangRate: rate.default(0),
      /** Added to every answer, to look like a network round trip. */
      latencyMs: z.number().int().min(0).max(60_000).optional(),
      /** Tokens or subscription ids that are always answered as gone. */
      deadTokens: z.array(z.string().min(1).max(4096)).max(1_000_000).default([]),
    })
    .refine(
      (faults) =>
        Object.values(faults.errors).reduce<number>((sum, share) => sum + (share ?? 0), 0) <= 1,
      { message: "error shares add up to more than 1", path: ["errors"] },
    );
}

export const faultsInputSchema = z.strictObject({
  web: platformFaultsSchema("web").optional(),
  ios: platformFaultsSchema("ios").optional(),
  android: platformFaultsSchema("android").optional(),
});

export type FaultsInput = z.input<typeof faultsInputSchema>;

export interface PlatformFaults {
  errors: [name: string, share: number][];
  retryAfterSeconds: number | null;
  slow: { rate: number; delayMs: number } | null;
  hangRate: number;
  latencyMs: number;
  deadTokens: Map<string, number>;
}

export type FaultDecision =
  | { kind: "pass"; delayMs: number }
  | { kind: "error"; name: string; delayMs: number }
  | { kind: "hang" };

const emptyFaults = (latencyMs: number): PlatformFaults => ({
  errors: [],
  retryAfterSeconds: 1,
  slow: null,
  hangRate: 0,
  latencyMs,
  deadTokens: new Map(),
});

/** Per-platform fault plans; the draw is one Math.random per request and check. */
export class FaultInjector {
  private plans: Record<GatewayPlatform, PlatformFaults>;

  constructor(private readonly defaultLatencyMs: Record<GatewayPlatform, number>) {
    this.plans = this.emptyPlans();
  }

  private emptyPlans(): Record<GatewayPlatform, PlatformFaults> {
    return {
      web: emptyFaults(this.defaultLatencyMs.web),
      ios: emptyFaults(this.defaultLatencyMs.ios),
      android: emptyFaults(this.defaultLatencyMs.android),
    };
  }

  /** Replaces the plan of every platform named in `input`; others keep theirs. */
  configure(input: FaultsInput): void {
    const parsed = faultsInputSchema.parse(input);
    for (const platform of gatewayPlatforms) {
      const faults = parsed[platform];
      if (!faults) continue;
      const now = Date.now();
      this.plans[platform] = {
        errors: Object.entries(faults.errors).filter(
          (entry): entry is [string, number] => (entry[1] ?? 0) > 0,
        ),
        retryAfterSeconds: faults.retryAfterSeconds,
        slow: faults.slow ?? null,
        hangRate: faults.hangRate,
        latencyMs: faults.latencyMs ?? this.defaultLatencyMs[platform],
        deadTokens: new Map(faults.deadTokens.map((token) => [token, now])),
      };
    }
  }

  /** Marks tokens dead from now on, keeping what was configured before. */
  addDeadTokens(platform: GatewayPlatform, tokens: string[]): void {
    const now = Date.now();
    for (const token of tokens) this.plans[platform].deadTokens.set(token, now);
  }

  reset(): void {
    this.plans = this.emptyPlans();
  }

  plan(platform: GatewayPlatform): PlatformFaults {
    return this.plans[platform];
  }

  /** When `token` was declared dead (ms since epoch), or null while it is alive. */
  deadSince(platform: GatewayPlatform, token: string): number | null {
    return this.plans[platform].deadTokens.get(token) ?? null;
  }

  decide(platform: GatewayPlatform): FaultDecision {
    const plan = this.plans[platform];
    if (plan.hangRate > 0 && Math.random() < plan.hangRate) return { kind: "hang" };
    let delayMs = plan.latencyMs;
    if (plan.slow && Math.random() < plan.slow.rate) delayMs += plan.slow.delayMs;
    if (plan.errors.length > 0) {
      let draw = Math.random();
      for (const [name, share] of plan.errors) {
        if (draw < share) return { kind: "error", name, delayMs };
        draw -= share;
      }
    }
    return { kind: "pass", delayMs };
  }

  describe(): Record<
    GatewayPlatform,
    Omit<PlatformFaults, "deadTokens" | "errors"> & {
      errors: Record<string, number>;
      deadTokens: number;
    }
  > {
    const describe = (plan: PlatformFaults) => ({
      errors: Object.fromEntries(plan.errors),
      retryAfterSeconds: plan.retryAfterSeconds,
      slow: plan.slow,
      hangRate: plan.hangRate,
      latencyMs: plan.latencyMs,
      deadTokens: plan.deadTokens.size,
    });
    return {
      web: describe(this.plans.web),
      ios: describe(this.plans.ios),
      android: describe(this.plans.android),
    };
  }
}
