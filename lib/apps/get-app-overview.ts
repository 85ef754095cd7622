import { getDb } from "@/lib/db/client";

export interface AppOverview {
  subscribers: number;
  activeDevices: number;
  campaigns: number;
  sentLast30Days: number;
}

export async function getAppOverview(appId: string): Promise<AppOverview> {
  const db = getDb();
  const since = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000);
  const [subscribers, activeDevices, campaigns, sentLast30Days] = await Promise.all([
    db.subscriber.count({ where: { appId } }),
    db.device.count({ where: { appId, status: "active" } }),
    db.campaign.count({ where: { appId } }),
    db.delivery.count({ where: { appId, sentAt: { gte: since } } }),
  ]);
  return { subscribers, activeDevices, campaigns, sentLast30Days };
}
