import { z } from "zod";

const base64Key = z.string().refine((value) => Buffer.from(value, "base64").length === 32, {
  message: "must be 32 bytes encoded as base64 (generate with `openssl rand -base64 32`)",
});

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  HERALD_MASTER_KEY: base64Key,
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  HERALD_PUBLIC_URL: z.url().default("http://localhost:3000"),
  HERALD_QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/, "may hold only letters, digits, - and _")
    .default("herald"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  HERALD_PUSH_GATEWAY_URL: z.url().optional(),
  HERALD_PUSH_GATEWAY_CA_FILE: z.string().optional(),
  HERALD_PUSH_GATEWAY_SCOPE: z.enum(["all", "demo"]).default("all"),
  /** Proxies in front that append to X-Forwarded-For (see lib/http/client-address.ts). */
  HERALD_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  HERALD_DEMO_MODE: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

let cached: Env | undefined;

/**
 * Reads and validates the environment once. Parsing is lazy so `next build`
 * can import modules without a database configured.
 */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = issue.path.join(".") || "(environment)";
      const reason =
        issue.code === "invalid_type" && process.env[variable] === undefined
          ? "is required"
          : issue.message;
      return `  ${variable} ${reason}`;
    });
    throw new EnvError(`Invalid environment (see .env.example):\n${problems.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
