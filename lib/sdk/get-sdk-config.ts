import { getDb } from "@/lib/db/client";
import type { SdkApp } from "@/lib/http/sdk-route";
import type { SdkConfigDto } from "./schemas";
import { readSdkSettings } from "./sdk-settings";

/** What the SDK needs before it asks anything: the VAPID key, the soft-ask settings and the topics. */
export async function getSdkConfig(app: SdkApp): Promise<SdkConfigDto> {
  const db = getDb();
  const [credential, topics] = await Promise.all([
    db.pushCredential.findUnique({
      where: { appId_platform: { appId: app.id, platform: "web" } },
      select: { publicConfig: true },
    }),
    db.topic.findMany({
      where: { appId: app.id },
      orderBy: { name: "asc" },
      select: { key: true, name: true, description: true, defaultOptIn: true },
    }),
  ]);
  const publicKey = (credential?.publicConfig as { publicKey?: unknown } | undefined)?.publicKey;
  return {
    appId: app.publicId,
    vapidPublicKey: typeof publicKey === "string" ? publicKey : null,
    prompt: readSdkSettings(app.sdkSettings).prompt,
    topics,
  };
}
