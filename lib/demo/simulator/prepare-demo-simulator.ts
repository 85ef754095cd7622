import { mkdirSync } from "node:fs";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { hashApiKey } from "@/lib/auth/api-keys";
import { getDb } from "@/lib/db/client";
import { backfillDemoHistory } from "../backfill-demo-history";
import { demoLogin } from "../seed-demo-workspace";
import {
  type DemoSimulatorConfig,
  gatewayDeviceOf,
  readDemoSimulatorConfig,
  writeDemoSimulatorConfig,
} from "./config";

/**
 * Runs at every demo start, after the demo workspace seed, and is idempotent:
 * a month of history the first time (lib/demo/backfill-demo-history.ts),
 * caps loose enough for a demo that sends every few minutes, an API key for
 * the simulator (kept while it still works, else a new one), and the cast
 * file the simulator reads. Null when there is no demo app.
 */
export async function prepareDemoSimulator(stateDir: string): Promise<{
  config: DemoSimulatorConfig;
  history: { campaigns: number; deliveries: number } | null;
} | null> {
  const db = getDb();
  const owner = await db.user.findUnique({ where: { email: demoLogin.email } });
  const app = owner
    ? await db.app.findFirst({
        where: { isDemo: true, memberships: { some: { userId: owner.id } } },
        orderBy: { createdAt: "asc" },
      })
    : null;
  if (!owner || !app) return null;
  const actor = { kind: "user" as const, userId: owner.id, email: owner.email };

  // The demo sends a marketing push every few minutes to a slice of the
  // audience: the default 1 a day would have skipped nearly everyone by noon.
  if (app.marketingCapPerDay === 1 && app.marketingCapPerWeek === 5) {
    await db.app.update({
      where: { id: app.id },
      data: { marketingCapPerDay: 4, marketingCapPerWeek: 20 },
    });
  }
  const history = await backfillDemoHistory(app.id);

  const previous = readDemoSimulatorConfig(stateDir);
  const stillValid =
    previous?.appId === app.id &&
    (await db.apiKey.findFirst({
      where: {
        id: previous.apiKeyId,
        appId: app.id,
        hash: hashApiKey(previous.apiKey),
        revokedAt: null,
      },
      select: { id: true },
    }));
  const key =
    stillValid && previous
      ? { apiKey: previous.apiKey, apiKeyId: previous.apiKeyId }
      : await createApiKey(
          app.id,
          { name: "Demo traffic simulator", scopes: ["send", "ingest", "read"] },
          actor,
        ).then((created) => ({ apiKey: created.key, apiKeyId: created.apiKey.id }));

  const [topics, devices] = await Promise.all([
    db.topic.findMany({ where: { appId: app.id }, select: { id: true, key: true } }),
    db.device.findMany({
      where: { appId: app.id, status: "active", subscriber: { externalId: { not: null } } },
      select: {
        id: true,
        platform: true,
        address: true,
        subscriber: { select: { externalId: true } },
      },
    }),
  ]);
  const config: DemoSimulatorConfig = {
    appId: app.id,
    publicId: app.publicId,
    ...key,
    topics: Object.fromEntries(topics.map((topic) => [topic.key, topic.id])),
    people: devices.map((device) => ({
      externalId: device.subscriber.externalId ?? "",
      deviceId: device.id.toString(),
      platform: device.platform,
      gatewayDevice: gatewayDeviceOf(device.platform, device.address),
    })),
  };
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  writeDemoSimulatorConfig(stateDir, config);
  return { config, history };
}
