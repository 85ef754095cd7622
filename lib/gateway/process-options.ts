import { parseArgs } from "node:util";
import { z } from "zod";
import type { PushGatewayOptions } from "./push-gateway";
import { defaultGatewayStateDir } from "./state-dir";

const optionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(4443),
  host: z.string().min(1).default("127.0.0.1"),
  stateDir: z.string().min(1).default(defaultGatewayStateDir),
  controlToken: z.string().min(16, "must be at least 16 characters").optional(),
  hostnames: z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(",")
            .map((name) => name.trim())
            .filter(Boolean)
        : [],
    ),
  latencyMs: z.coerce.number().int().min(0).max(60_000).optional(),
  messageLogSize: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

/**
 * The gateway process's settings: command-line flags first, then
 * HERALD_GATEWAY_* variables, then defaults (port 4443, .herald/gateway).
 */
export function readGatewayProcessOptions(
  argv: string[],
  env: NodeJS.ProcessEnv,
): PushGatewayOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "state-dir": { type: "string" },
      "control-token": { type: "string" },
      hostnames: { type: "string" },
      "latency-ms": { type: "string" },
      "message-log-size": { type: "string" },
    },
    strict: true,
  });
  const parsed = optionsSchema.safeParse({
    port: values.port ?? env.HERALD_GATEWAY_PORT,
    host: values.host ?? env.HERALD_GATEWAY_HOST,
    stateDir: values["state-dir"] ?? env.HERALD_GATEWAY_STATE_DIR,
    controlToken: values["control-token"] ?? env.HERALD_GATEWAY_CONTROL_TOKEN,
    hostnames: values.hostnames ?? env.HERALD_GATEWAY_HOSTNAMES,
    latencyMs: values["latency-ms"] ?? env.HERALD_GATEWAY_LATENCY_MS,
    messageLogSize: values["message-log-size"] ?? env.HERALD_GATEWAY_MESSAGE_LOG_SIZE,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".")} ${issue.message}`,
    );
    throw new Error(`Invalid push gateway options:\n${problems.join("\n")}`);
  }
  const { latencyMs, ...options } = parsed.data;
  return {
    ...options,
    ...(latencyMs === undefined
      ? {}
      : { latencyMs: { web: latencyMs, ios: latencyMs, android: latencyMs } }),
  };
}
