// What the demo seed hands the traffic simulator, in `.herald/demo-simulator.json`
// (git-ignored, owner-only): the API key it plays the app's servers with (the
// only place its plaintext is kept) and the cast — who the demo's people are
// and which device the push gateway knows each of them by, so a push the
// gateway accepted can be answered by the right person.
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export const DEMO_SIMULATOR_FILE = "demo-simulator.json";

const personSchema = z.object({
  externalId: z.string(),
  deviceId: z.string(),
  platform: z.enum(["web", "ios", "android"]),
  /** What the gateway's message log names the device by: the token, or the web subscription id. */
  gatewayDevice: z.string(),
});

export const demoSimulatorConfigSchema = z.object({
  appId: z.string(),
  publicId: z.string(),
  apiKey: z.string(),
  apiKeyId: z.string(),
  topics: z.record(z.string(), z.string()),
  people: z.array(personSchema),
});

export type DemoSimulatorConfig = z.infer<typeof demoSimulatorConfigSchema>;
export type DemoPerson = z.infer<typeof personSchema>;

export function demoSimulatorFile(stateDir: string): string {
  return join(stateDir, DEMO_SIMULATOR_FILE);
}

export function readDemoSimulatorConfig(stateDir: string): DemoSimulatorConfig | null {
  const file = demoSimulatorFile(stateDir);
  if (!existsSync(file)) return null;
  const parsed = demoSimulatorConfigSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  return parsed.success ? parsed.data : null;
}

export function writeDemoSimulatorConfig(stateDir: string, config: DemoSimulatorConfig): void {
  const file = demoSimulatorFile(stateDir);
  writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** The gateway names a web device by its subscription id: the endpoint's last path segment. */
export function gatewayDeviceOf(platform: "web" | "ios" | "android", address: string): string {
  if (platform !== "web") return address;
  try {
    return new URL(address).pathname.split("/").filter(Boolean).at(-1) ?? address;
  } catch {
    return address;
  }
}
