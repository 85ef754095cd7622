import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import type { Actor } from "@/lib/http/actor";
import { toDeviceDto } from "./device-dto";
import { findDeviceOrThrow } from "./find-device-or-throw";
import type { DeviceDto } from "./schemas";

/** Marks or unmarks a device as a test device (the composer's test sends go to these). */
export async function setTestDevice(
  appId: string,
  deviceId: string,
  isTestDevice: boolean,
  actor: Actor,
): Promise<DeviceDto> {
  const device = await findDeviceOrThrow(appId, deviceId);
  return getDb().$transaction(async (tx) => {
    const updated = await tx.device.update({ where: { id: device.id }, data: { isTestDevice } });
    await recordAudit(tx, {
      appId,
      actor,
      action: isTestDevice ? "device.test_marked" : "device.test_unmarked",
      targetType: "device",
      targetId: device.id.toString(),
    });
    return toDeviceDto(updated);
  });
}
