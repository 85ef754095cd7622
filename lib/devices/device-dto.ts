import type { Device } from "@/lib/db/generated/client";
import type { DeviceDto } from "./schemas";

/**
 * Enough of a token or endpoint to tell devices apart, never enough to push
 * to one: the push service's host and the last characters.
 */
export function maskAddress(platform: Device["platform"], address: string): string {
  const tail = address.slice(-8);
  if (platform !== "web") return `…${tail}`;
  try {
    return `${new URL(address).host}/…${tail}`;
  } catch {
    return `…${tail}`;
  }
}

export function toDeviceDto(row: Device): DeviceDto {
  return {
    id: row.id.toString(),
    subscriberId: row.subscriberId.toString(),
    platform: row.platform,
    status: row.status,
    address: maskAddress(row.platform, row.address),
    isTestDevice: row.isTestDevice,
    optedInAt: row.optedInAt?.toISOString() ?? null,
    optedOutAt: row.optedOutAt?.toISOString() ?? null,
    invalidatedAt: row.invalidatedAt?.toISOString() ?? null,
    invalidReason: row.invalidReason,
    lastRegisteredAt: row.lastRegisteredAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    appVersion: row.appVersion,
    osName: row.osName,
    osVersion: row.osVersion,
    deviceModel: row.deviceModel,
    browser: row.browser,
    sdkVersion: row.sdkVersion,
    createdAt: row.createdAt.toISOString(),
  };
}
