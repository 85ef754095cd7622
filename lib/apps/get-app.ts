import { type AppDto, toAppDto } from "@/lib/apps/app-dto";
import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";

export async function getAppOrThrow(appId: string, role: Role | null): Promise<AppDto> {
  const app = await getDb().app.findUnique({ where: { id: appId } });
  if (!app) throw notFound(`App ${appId}`);
  return toAppDto(app, role);
}
