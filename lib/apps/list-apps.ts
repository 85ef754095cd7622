import { type AppDto, toAppDto } from "@/lib/apps/app-dto";
import { getDb } from "@/lib/db/client";

export async function listAppsForUser(userId: string): Promise<AppDto[]> {
  const memberships = await getDb().membership.findMany({
    where: { userId },
    include: { app: true },
    orderBy: { app: { name: "asc" } },
  });
  return memberships.map((membership) => toAppDto(membership.app, membership.role));
}
