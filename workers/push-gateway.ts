// The local push gateway as its own process: stands in for web push
// services, FCM and APNs on one TLS port (see lib/gateway). Prints its URL
// and CA file for HERALD_PUSH_GATEWAY_URL / HERALD_PUSH_GATEWAY_CA_FILE.
import { readGatewayProcessOptions } from "@/lib/gateway/process-options";
import { startPushGateway } from "@/lib/gateway/push-gateway";

async function main(): Promise<void> {
  const options = readGatewayProcessOptions(process.argv.slice(2), process.env);
  const gateway = await startPushGateway(options);
  console.log(`Herald push gateway listening on ${gateway.url}`);
  console.log(`HERALD_PUSH_GATEWAY_URL=${gateway.url}`);
  console.log(`HERALD_PUSH_GATEWAY_CA_FILE=${gateway.caFile}`);
  if (!options.controlToken) console.log(`Control token in ${gateway.stateDir}/control-token`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await gateway.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  console.error(
    `push gateway failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
