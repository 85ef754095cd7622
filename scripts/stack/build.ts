import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const inputs = [
  "app",
  "components",
  "lib",
  "pages",
  "public",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];

function collect(root: string, path: string, files: string[]): void {
  const full = join(root, path);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const entry of readdirSync(full).sort()) collect(root, join(path, entry), files);
  } else {
    files.push(path);
  }
}

/** A digest of everything `next build` reads, so an unchanged tree is not rebuilt. */
export function sourceDigest(root: string): string {
  const files: string[] = [];
  for (const input of inputs) collect(root, input, files);
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(relative(root, join(root, file)));
    hash.update(readFileSync(join(root, file)));
  }
  return hash.digest("hex");
}

export function isBuildCurrent(root: string, distDir: string, digest: string): boolean {
  const marker = join(root, distDir, "herald-source-digest");
  return (
    existsSync(join(root, distDir, "BUILD_ID")) &&
    existsSync(marker) &&
    readFileSync(marker, "utf8") === digest
  );
}

export function markBuild(root: string, distDir: string, digest: string): void {
  writeFileSync(join(root, distDir, "herald-source-digest"), digest);
}
