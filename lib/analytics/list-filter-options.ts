import { getDb } from "@/lib/db/client";
import type { FilterOptions } from "./schemas";

/** What the dashboards' filters offer: the app's segments, by name. */
export async function listFilterOptions(appId: string): Promise<FilterOptions> {
  const segments = await getDb().segment.findMany({
    where: { appId },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
    take: 500,
  });
  return { segments };
}
