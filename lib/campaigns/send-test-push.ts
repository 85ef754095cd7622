import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import type { NotificationContent } from "@/lib/push/content";
import { createCampaign } from "./create-campaign";
import { launchCampaign } from "./transitions";

/**
 * Sends the composer's content to chosen test devices now, as a small
 * transactional campaign of its own (so it never counts against caps or
 * pollutes the real campaign's stats, yet shows up in the device's history).
 */
export async function sendTestPush(
  appId: string,
  input: { content: NotificationContent; deviceIds: string[]; campaignName?: string },
  actor: Actor,
): Promise<{ campaignId: string }> {
  const devices = await getDb().device.findMany({
    where: { appId, id: { in: input.deviceIds.map(BigInt) }, isTestDevice: true, status: "active" },
    select: { id: true },
  });
  if (devices.length !== input.deviceIds.length) {
    throw new AppError(
      "validation_failed",
      "deviceIds: every device must be an active test device of this app",
      {
        fields: [{ field: "deviceIds", message: "must all be active test devices of this app" }],
      },
    );
  }
  const { id } = await createCampaign(
    appId,
    {
      name: `Test · ${input.campaignName ?? input.content.title ?? "push"}`.slice(0, 120),
      category: "transactional",
      audience: { type: "devices", deviceIds: input.deviceIds },
      variants: [{ weight: 1, content: input.content }],
      schedule: { type: "now" },
      ttlSeconds: 3600,
    },
    actor,
    { source: "test" },
  );
  await launchCampaign(appId, id, actor);
  return { campaignId: id };
}
