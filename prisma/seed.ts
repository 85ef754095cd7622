// Seeds the demo workspace on first run only (see lib/demo/seed-demo-workspace.ts).
import { join } from "node:path";
import { disconnectDb } from "@/lib/db/client";
import { seedDemoWorkspace } from "@/lib/demo/seed-demo-workspace";
import { prepareDemoSimulator } from "@/lib/demo/simulator/prepare-demo-simulator";

try {
  const result = await seedDemoWorkspace({ publicUrl: process.env.HERALD_PUBLIC_URL });
  console.log(
    result.created
      ? `Seeded the demo workspace: ${result.subscribers} subscribers, ${result.events} events`
      : "Demo workspace already present",
  );
  // Demo mode (npm start): a month of history once, and the live simulator's key and cast.
  if (process.env.HERALD_DEMO_MODE === "true") {
    const prepared = await prepareDemoSimulator(join(import.meta.dirname, "../.herald"));
    if (prepared?.history) {
      console.log(
        `Backfilled ${prepared.history.campaigns} campaigns and ${prepared.history.deliveries} deliveries of demo history`,
      );
    }
  }
} finally {
  await disconnectDb();
}
