import { getDb } from "@/lib/db/client";
import type { Device } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import { isBigintId } from "@/lib/validation";

/** A device of this app; any other id (another app's, or not a number) is the same 404. */
export async function findDeviceOrThrow(appId: string, deviceId: string): Promise<Device> {
  const device = isBigintId(deviceId)
    ? await getDb().device.findFirst({ where: { id: BigInt(deviceId), appId } })
    : null;
  if (!device) throw notFound(`Device ${deviceId}`);
  return device;
}
