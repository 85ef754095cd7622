#!/usr/bin/env node
// Entry point of `npm start`, `npm test` and `npm run test:faults`. Plain
// JavaScript with no dependencies, because on a fresh clone nothing is installed yet: it
// installs what is missing, then hands over to the TypeScript launcher.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const installedMarker = join(root, "node_modules/.package-lock.json");

function needsInstall() {
  if (!existsSync(installedMarker)) return true;
  const lock = join(root, "package-lock.json");
  return existsSync(lock) && statSync(lock).mtimeMs > statSync(installedMarker).mtimeMs;
}

if (needsInstall()) {
  console.log("Installing dependencies (first run)…");
  // `npm ci` trips over optional platform packages missing from the lock
  // file on some machines; `npm install` from the lock file leaves it as is.
  const result = spawnSync("npm", ["install", "--no-audit", "--no-fund"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const child = spawn(
  process.execPath,
  ["--import", "tsx", join(root, "scripts/stack/main.ts"), ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit" },
);
// Ctrl-C reaches the whole foreground process group; the launcher shuts the
// stack down in order and this process simply waits for it.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
