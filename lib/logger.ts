import pino from "pino";

// Anything that could carry a credential or a device token is redacted at
// the logger, so a careless `log.info({ credential })` cannot leak it.
const redactPaths = [
  "password",
  "passwordHash",
  "secret",
  "privateKey",
  "private_key",
  "encryptedSecret",
  "token",
  "apiKey",
  "authorization",
  "cookie",
  "*.password",
  "*.secret",
  "*.privateKey",
  "*.private_key",
  "*.encryptedSecret",
  "*.token",
  "*.apiKey",
  "*.authorization",
  "*.cookie",
  "headers.authorization",
  "headers.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
];

export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: process.env.HERALD_SERVICE ?? "web" },
  redact: { paths: redactPaths, censor: "[redacted]" },
});

export type Logger = typeof logger;
