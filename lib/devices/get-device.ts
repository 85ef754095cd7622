import { toDeviceDto } from "./device-dto";
import { findDeviceOrThrow } from "./find-device-or-throw";
import type { DeviceDto } from "./schemas";

export async function getDevice(appId: string, deviceId: string): Promise<DeviceDto> {
  return toDeviceDto(await findDeviceOrThrow(appId, deviceId));
}
