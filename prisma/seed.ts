// Seeds the demo workspace on first run only (see lib/demo/seed-demo-workspace.ts).
import { disconnectDb } from "@/lib/db/client";
import { seedDemoWorkspace } from "@/lib/demo/seed-demo-workspace";

try {
  const result = await seedDemoWorkspace({ publicUrl: process.env.HERALD_PUBLIC_URL });
  console.log(
    result.created
      ? `Seeded the demo workspace: ${result.subscribers} subscribers, ${result.events} events`
      : "Demo workspace already present",
  );
} finally {
  await disconnectDb();
}
