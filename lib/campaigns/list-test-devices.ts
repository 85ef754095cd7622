import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";

export interface TestDeviceDto {
  id: string;
  platform: Platform;
  /** What a person recognises: "Chrome on macOS", "iPhone 15 · iOS 18". */
  label: string;
  externalId: string | null;
  lastSeenAt: string;
}

const platformNames: Record<Platform, string> = { web: "Web", ios: "iOS", android: "Android" };

function labelOf(device: {
  platform: Platform;
  browser: string | null;
  osName: string | null;
  osVersion: string | null;
  deviceModel: string | null;
}): string {
  const os = [device.osName, device.osVersion].filter(Boolean).join(" ");
  if (device.platform === "web") {
    if (device.browser && os) return `${device.browser} on ${os}`;
    return device.browser ?? (os || "Web browser");
  }
  const parts = [device.deviceModel, os].filter(Boolean);
  return parts.length ? parts.join(" · ") : `${platformNames[device.platform]} device`;
}

/** The app's active test devices, most recently seen first: what "send a test push" offers. */
export async function listTestDevices(appId: string): Promise<{ data: TestDeviceDto[] }> {
  const devices = await getDb().device.findMany({
    where: { appId, isTestDevice: true, status: "active" },
    orderBy: { lastSeenAt: "desc" },
    take: 100,
    select: {
      id: true,
      platform: true,
      browser: true,
      osName: true,
      osVersion: true,
      deviceModel: true,
      lastSeenAt: true,
      subscriber: { select: { externalId: true } },
    },
  });
  return {
    data: devices.map((device) => ({
      id: device.id.toString(),
      platform: device.platform,
      label: labelOf(device),
      externalId: device.subscriber.externalId,
      lastSeenAt: device.lastSeenAt.toISOString(),
    })),
  };
}
