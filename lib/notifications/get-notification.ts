import { getCampaignStats } from "@/lib/analytics/get-campaign-stats";
import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { toNotificationDto } from "./notification-dto";
import type { NotificationWithStatsDto } from "./schemas";

/** A send's status and its delivery stats. Any campaign of the app can be read this way. */
export async function getNotification(
  appId: string,
  notificationId: string,
): Promise<NotificationWithStatsDto> {
  const campaign = await getDb().campaign.findFirst({ where: { id: notificationId, appId } });
  if (!campaign) throw notFound(`Notification ${notificationId}`);
  return { ...toNotificationDto(campaign), stats: await getCampaignStats(appId, campaign.id) };
}
