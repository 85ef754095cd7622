import { getDb } from "@/lib/db/client";
import type { Device, Prisma } from "@/lib/db/generated/client";
import type { Platform } from "@/lib/db/generated/enums";
import { resolveSubscriberIds } from "@/lib/subscribers/resolve-subscriber-ids";
import { toDeviceDto } from "./device-dto";
import type { DeviceDto, RegisterDeviceInput } from "./schemas";

type Tx = Prisma.TransactionClient;

export interface DeviceMetadata {
  appVersion?: string;
  osName?: string;
  osVersion?: string;
  deviceModel?: string;
  browser?: string;
  sdkVersion?: string;
}

/** One registration, whichever door it came through (server API or browser SDK). */
export interface DeviceRegistration {
  platform: Platform;
  /** The APNs/FCM token or the web push endpoint: a device's identity within the app. */
  address: string;
  webKeys: { p256dh: string; auth: string } | null;
  /** Attach to this subscriber; without it a known device keeps its own, a new one gets an anonymous one. */
  externalId: string | null;
  metadata: DeviceMetadata;
}

export async function createAnonymousSubscriber(tx: Tx, appId: string): Promise<bigint> {
  const subscriber = await tx.subscriber.create({ data: { appId }, select: { id: true } });
  return subscriber.id;
}

/**
 * Registers a device or, when its token/endpoint is known, updates that
 * device instead of adding one: re-activated (a device that opted out or went
 * invalid comes back), `lastRegisteredAt` bumped, web keys refreshed, and
 * moved to the named subscriber if it belonged to another.
 */
export async function saveDeviceRegistration(
  tx: Tx,
  appId: string,
  registration: DeviceRegistration,
): Promise<{ device: Device; created: boolean }> {
  let subscriberId: bigint | undefined;
  if (registration.externalId !== null) {
    const ids = await resolveSubscriberIds(tx, appId, [registration.externalId]);
    subscriberId = ids.get(registration.externalId);
  } else {
    const known = await tx.device.findUnique({
      where: { appId_address: { appId, address: registration.address } },
      select: { subscriberId: true },
    });
    subscriberId = known?.subscriberId;
  }
  subscriberId ??= await createAnonymousSubscriber(tx, appId);
  const { metadata } = registration;
  const [saved] = await tx.$queryRaw<{ id: bigint; inserted: boolean }[]>`
    INSERT INTO devices ("appId", "subscriberId", platform, address, "webP256dh", "webAuth", status,
                         "optedInAt", "lastRegisteredAt", "lastSeenAt", "appVersion", "osName", "osVersion",
                         "deviceModel", browser, "sdkVersion", "updatedAt")
    VALUES (${appId}, ${subscriberId}, ${registration.platform}::"Platform", ${registration.address},
            ${registration.webKeys?.p256dh ?? null}::text, ${registration.webKeys?.auth ?? null}::text, 'active',
            now(), now(), now(), ${metadata.appVersion ?? null}::text, ${metadata.osName ?? null}::text,
            ${metadata.osVersion ?? null}::text, ${metadata.deviceModel ?? null}::text,
            ${metadata.browser ?? null}::text, ${metadata.sdkVersion ?? null}::text, now())
    ON CONFLICT ("appId", address) DO UPDATE SET
      "subscriberId" = EXCLUDED."subscriberId",
      platform = EXCLUDED.platform,
      "webP256dh" = EXCLUDED."webP256dh",
      "webAuth" = EXCLUDED."webAuth",
      status = 'active',
      "optedInAt" = CASE WHEN devices.status = 'active' THEN COALESCE(devices."optedInAt", now()) ELSE now() END,
      "optedOutAt" = NULL,
      "invalidatedAt" = NULL,
      "invalidReason" = NULL,
      "lastRegisteredAt" = now(),
      "lastSeenAt" = now(),
      "appVersion" = COALESCE(EXCLUDED."appVersion", devices."appVersion"),
      "osName" = COALESCE(EXCLUDED."osName", devices."osName"),
      "osVersion" = COALESCE(EXCLUDED."osVersion", devices."osVersion"),
      "deviceModel" = COALESCE(EXCLUDED."deviceModel", devices."deviceModel"),
      browser = COALESCE(EXCLUDED.browser, devices.browser),
      "sdkVersion" = COALESCE(EXCLUDED."sdkVersion", devices."sdkVersion"),
      "updatedAt" = now()
    RETURNING id, (xmax = 0) AS inserted`;
  if (!saved) throw new Error("the device upsert returned no row");
  const device = await tx.device.findUniqueOrThrow({ where: { id: saved.id } });
  return { device, created: saved.inserted };
}

export function registrationFromInput(input: RegisterDeviceInput): DeviceRegistration {
  return {
    platform: input.platform,
    address: input.platform === "web" ? input.subscription.endpoint : input.token,
    webKeys: input.platform === "web" ? input.subscription.keys : null,
    externalId: input.externalId ?? null,
    metadata: {
      appVersion: input.appVersion,
      osName: input.osName,
      osVersion: input.osVersion,
      deviceModel: input.deviceModel,
      browser: input.browser,
      sdkVersion: input.sdkVersion,
    },
  };
}

/** `POST /api/v1/devices`: a server registers a device (the same token twice is one device). */
export async function registerDevice(
  appId: string,
  input: RegisterDeviceInput,
): Promise<DeviceDto & { created: boolean }> {
  const { device, created } = await getDb().$transaction((tx) =>
    saveDeviceRegistration(tx, appId, registrationFromInput(input)),
  );
  return { ...toDeviceDto(device), created };
}
