// The demo's live traffic as its own small process, started by `npm start`
// in demo mode (scripts/stack/main.ts) once the web app answers. It plays
// simulated people through the public API and the web SDK (see
// lib/demo/simulator) with the API key the demo seed left in
// .herald/demo-simulator.json, and reads accepted pushes from the local push
// gateway's control API. It never opens the database.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readDemoSimulatorConfig } from "@/lib/demo/simulator/config";
import { createHeraldClient } from "@/lib/demo/simulator/herald-client";
import { startDemoSimulator } from "@/lib/demo/simulator/run-demo-simulator";
import { createGatewayControlClient } from "@/lib/gateway/control-client";
import { stateFiles } from "@/lib/gateway/state-dir";
import { logger } from "@/lib/logger";

const log = logger.child({ component: "demo-simulator" });

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (npm start sets it in demo mode)`);
  return value;
}

async function main(): Promise<void> {
  const stateDir = process.env.HERALD_STATE_DIR ?? ".herald";
  const config = readDemoSimulatorConfig(stateDir);
  if (!config) {
    log.warn(`no ${join(stateDir, "demo-simulator.json")}: nothing to simulate`);
    return;
  }
  const gatewayStateDir = required("HERALD_GATEWAY_STATE_DIR");
  const gateway = createGatewayControlClient({
    url: required("HERALD_PUSH_GATEWAY_URL"),
    ca: readFileSync(required("HERALD_PUSH_GATEWAY_CA_FILE"), "utf8"),
    controlToken: readFileSync(join(gatewayStateDir, stateFiles.controlToken), "utf8").trim(),
  });
  // Talk to this machine's web server directly; the public URL may be a proxy's.
  const baseUrl = process.env.PORT
    ? `http://127.0.0.1:${process.env.PORT}`
    : required("HERALD_PUBLIC_URL");
  const simulator = startDemoSimulator({
    config,
    herald: createHeraldClient({ baseUrl, apiKey: config.apiKey, publicId: config.publicId }),
    gateway,
    log,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await simulator.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  log.error({ err: error }, "demo simulator failed to start");
  process.exit(1);
});
