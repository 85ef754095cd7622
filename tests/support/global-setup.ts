import type { TestProject } from "vitest/node";
import { ensureTestStack, stackVariables } from "./test-stack";

declare module "vitest" {
  export interface ProvidedContext {
    heraldEnv: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const teardown = await ensureTestStack();
  const heraldEnv: Record<string, string> = {};
  for (const name of [...stackVariables, "LOG_LEVEL", "CHROMIUM_PATH"]) {
    const value = process.env[name];
    if (value !== undefined) heraldEnv[name] = value;
  }
  project.provide("heraldEnv", heraldEnv);
  return teardown;
}
