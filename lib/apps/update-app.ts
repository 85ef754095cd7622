import { type AppDto, toAppDto } from "@/lib/apps/app-dto";
import type { UpdateAppInput } from "@/lib/apps/schemas";
import { forgetSdkApp } from "@/lib/apps/sdk-app-cache";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { fieldError } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";

export async function updateApp(
  appId: string,
  input: UpdateAppInput,
  actor: Actor,
  role: Role | null,
): Promise<AppDto> {
  const updated = await getDb().$transaction(async (tx) => {
    if (input.requireIdentityVerification) {
      const { identitySecret } = await tx.app.findUniqueOrThrow({
        where: { id: appId },
        select: { identitySecret: true },
      });
      if (identitySecret === null) {
        throw fieldError(
          "requireIdentityVerification",
          "create the identity secret first, and give it to your server",
        );
      }
    }
    const app = await tx.app.update({
      where: { id: appId },
      data: {
        name: input.name,
        allowedOrigins: input.allowedOrigins,
        defaultTimezone: input.defaultTimezone,
        marketingCapPerDay: input.frequencyCaps?.marketingPerDay,
        marketingCapPerWeek: input.frequencyCaps?.marketingPerWeek,
        transactionalCapPerDay:
          input.frequencyCaps === undefined ? undefined : input.frequencyCaps.transactionalPerDay,
        quietHoursStart:
          input.quietHours === undefined ? undefined : (input.quietHours?.startHour ?? null),
        quietHoursEnd:
          input.quietHours === undefined ? undefined : (input.quietHours?.endHour ?? null),
        attributionWindowHours: input.attributionWindowHours,
        sdkSettings: input.sdkSettings,
        requireIdentityVerification: input.requireIdentityVerification,
      },
    });
    await recordAudit(tx, {
      appId,
      actor,
      action: "app.updated",
      targetType: "app",
      targetId: appId,
      metadata: { fields: Object.keys(input) },
    });
    return toAppDto(app, role);
  });
  forgetSdkApp(appId);
  return updated;
}
