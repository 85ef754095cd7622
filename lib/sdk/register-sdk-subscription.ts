import { getDb } from "@/lib/db/client";
import { saveDeviceRegistration } from "@/lib/devices/register-device";
import { issueDeviceToken } from "@/lib/devices/sdk-device-token";
import type { SdkApp, SdkDevice } from "@/lib/http/sdk-route";
import { assertVerifiedIdentity } from "./identity-verification";
import type { SdkSubscriptionInput, SdkSubscriptionResult } from "./schemas";

/**
 * A browser subscribed (or subscribed again). One device per browser: when
 * the call carries this browser's device token and the push service handed
 * out a new endpoint, that device takes the new endpoint rather than a
 * second device appearing. Every registration issues a fresh device token.
 */
export async function registerSdkSubscription(
  app: SdkApp,
  input: SdkSubscriptionInput,
  previous: SdkDevice | null,
): Promise<SdkSubscriptionResult> {
  if (input.externalId) assertVerifiedIdentity(app, input.externalId, input.identityHash);
  const endpoint = input.subscription.endpoint;
  return getDb().$transaction(async (tx) => {
    if (previous) {
      const holder = await tx.device.findUnique({
        where: { appId_address: { appId: app.id, address: endpoint } },
        select: { id: true },
      });
      if (!holder) {
        await tx.device.update({ where: { id: previous.id }, data: { address: endpoint } });
      } else if (holder.id !== previous.id) {
        // The old subscription was replaced by one Herald already knows: the old one is gone.
        await tx.device.update({
          where: { id: previous.id },
          data: { status: "unsubscribed", optedOutAt: new Date(), sdkTokenHash: null },
        });
      }
    }
    const { device, created } = await saveDeviceRegistration(tx, app.id, {
      platform: "web",
      address: endpoint,
      webKeys: input.subscription.keys,
      externalId: input.externalId ?? null,
      metadata: {
        browser: input.browser,
        osName: input.osName,
        osVersion: input.osVersion,
        deviceModel: input.deviceModel,
        sdkVersion: input.sdkVersion,
      },
    });
    const token = issueDeviceToken(device.id);
    await tx.device.update({ where: { id: device.id }, data: { sdkTokenHash: token.hash } });
    const subscriber = await tx.subscriber.findUniqueOrThrow({
      where: { id: device.subscriberId },
      select: { externalId: true },
    });
    return {
      deviceId: device.id.toString(),
      deviceToken: token.token,
      subscriberId: device.subscriberId.toString(),
      externalId: subscriber.externalId,
      created,
    };
  });
}
