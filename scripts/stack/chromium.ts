import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/**
 * The browser tests drive a system Chromium: test tools cannot download
 * their own browser offline. On Debian as root we install the distribution's
 * package; elsewhere CHROMIUM_PATH names one.
 */
export function ensureChromium(say: (line: string) => void): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist`);
    return configured;
  }
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  const canApt =
    process.getuid?.() === 0 &&
    spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
  if (!canApt) {
    throw new Error(
      "The browser tests need Chromium: install it (e.g. apt-get install chromium) or set CHROMIUM_PATH",
    );
  }
  say("Installing Debian's chromium for the browser tests (once)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "chromium"],
  ]) {
    const result = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
  }
  return "/usr/bin/chromium";
}
