import { getDb } from "@/lib/db/client";
import { toDeviceDto } from "./device-dto";
import { findDeviceOrThrow } from "./find-device-or-throw";
import type { DeviceDto } from "./schemas";

/**
 * The user turned pushes off on this device: it stays known (so a later
 * registration of the same token re-activates it) but receives nothing.
 * Opting out twice keeps the first opt-out time.
 */
export async function optOutDevice(appId: string, deviceId: string): Promise<DeviceDto> {
  const device = await findDeviceOrThrow(appId, deviceId);
  if (device.status === "unsubscribed") return toDeviceDto(device);
  const updated = await getDb().device.update({
    where: { id: device.id },
    data: { status: "unsubscribed", optedOutAt: new Date() },
  });
  return toDeviceDto(updated);
}
