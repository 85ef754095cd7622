import type { Platform } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import type { NotificationContent } from "./content";
import type { DeliveryReference, HeraldBlock } from "./herald-block";
import { platformLimits } from "./limits";

type Shared = Omit<NotificationContent, "android" | "ios" | "web" | "overrides">;

/** The content one platform receives: base fields with that platform's overrides applied. */
export type PlatformContent<P extends Platform> = Shared & {
  android: P extends "android" ? NonNullable<NotificationContent["android"]> : undefined;
  ios: P extends "ios" ? NonNullable<NotificationContent["ios"]> : undefined;
  web: P extends "web" ? NonNullable<NotificationContent["web"]> : undefined;
};

export function resolvePlatformContent<P extends Platform>(
  content: NotificationContent,
  platform: P,
): PlatformContent<P> {
  const { android, ios, web, overrides, ...shared } = content;
  const override: Record<string, unknown> = { ...overrides?.[platform] };
  const overrideBlock = override[platform] ?? {};
  delete override[platform];
  const ownBlock = { android, ios, web }[platform] ?? {};
  const merged = { ...shared, ...override } as Shared;
  if (shared.data || override.data) {
    merged.data = { ...shared.data, ...(override.data as Shared["data"]) };
  }
  return {
    ...merged,
    android: undefined,
    ios: undefined,
    web: undefined,
    [platform]: { ...ownBlock, ...(overrideBlock as object) },
  } as PlatformContent<P>;
}

/** Action buttons beyond what the platform shows are an error, not a silent cut. */
export function assertActionsFit(
  platform: Platform,
  actions: readonly unknown[] | undefined,
): void {
  const count = actions?.length ?? 0;
  const { label, actions: limit } = platformLimits[platform];
  if (count <= limit) return;
  const message = `${label} shows at most ${limit} action buttons; this notification has ${count}`;
  throw new AppError("validation_failed", message, {
    fields: [{ field: "actions", message }],
    platform,
  });
}

export function heraldBlockFor(
  reference: DeliveryReference,
  content: Pick<Shared, "url" | "actions">,
  extra: Partial<HeraldBlock> = {},
): HeraldBlock {
  const block: HeraldBlock = { d: reference.deliveryId, c: reference.campaignId, ...extra };
  if (content.url) block.u = content.url;
  if (content.actions?.length) {
    block.a = content.actions.map((action) =>
      action.url
        ? { id: action.id, t: action.title, u: action.url }
        : { id: action.id, t: action.title },
    );
  }
  return block;
}

/** Drops undefined fields so the JSON (and its byte count) carries only what is set. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}
