import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The gateway's default home, beside Herald's other local state (git-ignored). */
export const defaultGatewayStateDir = ".herald/gateway";

export const stateFiles = {
  seed: "seed",
  controlToken: "control-token",
  caCertificate: "ca.pem",
  caKey: "ca-key.pem",
  serverCertificate: "server.pem",
  serverKey: "server-key.pem",
  fcmAccounts: "fcm-accounts",
  apnsKeys: "apns-keys",
} as const;

export function ensureStateDir(stateDir: string): void {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
}

/**
 * Reads a state file, or creates it with `create()` if it is missing. The
 * exclusive create means two processes starting on one state dir agree on the
 * first value written instead of overwriting each other.
 */
export function readOrCreateStateFile(
  stateDir: string,
  file: string,
  create: () => string,
): string {
  const path = join(stateDir, file);
  if (existsSync(path)) return readFileSync(path, "utf8");
  ensureStateDir(stateDir);
  try {
    writeFileSync(path, create(), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(path, "utf8");
}

const seeds = new Map<string, Buffer>();

/** The secret every derived subscription key and access token hangs off; made once per state dir. */
export function loadGatewaySeed(stateDir: string): Buffer {
  const cached = seeds.get(stateDir);
  if (cached) return cached;
  const seed = Buffer.from(
    readOrCreateStateFile(stateDir, stateFiles.seed, () =>
      randomBytes(32).toString("base64"),
    ).trim(),
    "base64",
  );
  seeds.set(stateDir, seed);
  return seed;
}

/** The token `/control/*` requires when none is configured; local scripts read it from here. */
export function loadGatewayControlToken(stateDir: string): string {
  return readOrCreateStateFile(stateDir, stateFiles.controlToken, () =>
    randomBytes(24).toString("base64url"),
  ).trim();
}
